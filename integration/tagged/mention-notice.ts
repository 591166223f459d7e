import type { StoredWebhookEvent } from '../store/index.ts';

/** An @mention of the account in a comment, as an Instagram Login `comments` notification gives it. */
export interface MentionNotice {
  accountId: string;
  /** The media the comment is on: the guest's post. */
  mediaId: string;
  /** Who wrote the comment, without `@`. */
  commenter: string;
  text: string;
  /** ISO: when Meta sent the notification (the comment carries no time of its own). */
  sentAt: string;
}

/**
 * The mention in a stored `comments` event, or undefined when it is not one: Instagram Login
 * sends @mentions as `comments` notifications (graph-api.md §7.3), so a comment counts when its
 * text names `@<username>` of the account as a whole name.
 */
export function mentionNoticeOf(
  event: StoredWebhookEvent,
  username: string | undefined,
): MentionNotice | undefined {
  if (event.object !== 'instagram' || event.field !== 'comments' || !username) return undefined;
  const value = asRecord(event.payload.value);
  const text = typeof value?.text === 'string' ? value.text : '';
  const mediaId = idOf(asRecord(value?.media)?.id);
  const commenter = asRecord(value?.from)?.username;
  if (!mediaId || typeof commenter !== 'string' || !mentions(text, username)) return undefined;
  const time = event.payload.time;
  return {
    accountId: event.accountId,
    mediaId,
    commenter: commenter.replace(/^@/, ''),
    text,
    sentAt: typeof time === 'number' ? new Date(time * 1000).toISOString() : event.receivedAt,
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
