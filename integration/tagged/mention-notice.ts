import type { StoredWebhookEvent } from '../store/index.ts';

/** An @mention of the account, as a notification gives it. */
export interface MentionNotice {
  /** `comment-mention`: Instagram Login's `comments`; `mention`: Facebook Login's `mentions`. */
  via: 'comment-mention' | 'mention';
  accountId: string;
  /** The guest's post (the one commented on, or whose caption or comment names the account). */
  mediaId: string;
  /** Who wrote the comment, without `@` (Instagram Login only: `mentions` names nobody). */
  commenter?: string;
  text?: string;
  /** ISO: when Meta sent the notification (neither carries a time of the post's own). */
  sentAt: string;
}

/**
 * The mention in a stored event, or undefined when it is not one (graph-api.md §7.3). Instagram
 * Login sends @mentions as `comments` notifications: a comment counts when its text names
 * `@<username>` of the account as a whole name. Facebook Login sends `mentions`.
 */
export function mentionNoticeOf(
  event: StoredWebhookEvent,
  username: string | undefined,
): MentionNotice | undefined {
  if (event.object !== 'instagram') return undefined;
  const value = asRecord(event.payload.value);
  const time = event.payload.time;
  const sentAt = typeof time === 'number' ? new Date(time * 1000).toISOString() : event.receivedAt;
  // Facebook Login: `{ media_id, comment_id? }`, about a mention of the account by definition.
  if (event.field === 'mentions') {
    const mediaId = idOf(value?.media_id);
    return mediaId ? { via: 'mention', accountId: event.accountId, mediaId, sentAt } : undefined;
  }
  if (event.field !== 'comments' || !username) return undefined;
  const text = typeof value?.text === 'string' ? value.text : '';
  const mediaId = idOf(asRecord(value?.media)?.id);
  const commenter = asRecord(value?.from)?.username;
  if (!mediaId || typeof commenter !== 'string' || !mentions(text, username)) return undefined;
  return {
    via: 'comment-mention',
    accountId: event.accountId,
    mediaId,
    commenter: commenter.replace(/^@/, ''),
    text,
    sentAt,
  };
}

/** `@name` not inside a longer name: letters, digits, `_` and inner dots make up a username. */
export function mentions(text: string, username: string): boolean {
  const name = username.replace(/^@/, '').replace(/[.]/g, '\\.');
  return new RegExp(`(?<![\\w.@])@${name}(?![\\w]|[.][\\w])`, 'i').test(text);
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
