import { ControlInputError } from '../control/control-input.ts';
import { newGraphId, shortcodeFor } from '../core/graph-ids.ts';
import {
  addAsset,
  addFiles,
  type Account,
  type GuestPost,
  type Media,
  type Store,
} from '../core/store.ts';
import { permalinkOf } from '../read/media-view.ts';
import type { WebhookDeliverySpec } from '../webhooks/webhook-sender.ts';

/** A guest's post, as a test makes it: who wrote it, and which seeded accounts it names. */
export interface GuestPostSpec {
  /** The guest's username, without `@`. */
  author: string;
  /** IG user ids tagged on the picture (listed by their `/tags`). */
  tags?: string[];
  /** IG user ids @mentioned in the caption (read by their `mentioned_media`). */
  mentions?: string[];
  caption?: string;
  /** ISO date-time; default the emulator clock. */
  timestamp?: string;
  /** Default `IMAGE`. */
  mediaType?: 'IMAGE' | 'VIDEO';
}

export interface GuestPostSummary {
  id: string;
  permalink: string;
}

const USERNAME = /^[A-Za-z0-9._]{1,30}$/;

/** Adds a post by `author` that tags and/or mentions seeded accounts; its pictures are on the CDN. */
export function addGuestPost(store: Store, spec: GuestPostSpec, nowMs: number): GuestPostSummary {
  if (typeof spec !== 'object' || spec === null)
    throw new ControlInputError(
      'give a guest post: { author, tags?, mentions?, caption?, timestamp? }',
    );
  const tags = accountIds(store, spec.tags, 'tags');
  const mentions = accountIds(store, spec.mentions, 'mentions');
  if (typeof spec.author !== 'string' || !USERNAME.test(spec.author))
    throw new ControlInputError('author must be an Instagram username (letters, digits, . and _)');
  if (tags.size + mentions.size === 0)
    throw new ControlInputError('give tags and/or mentions: the IG user ids the post names');
  const timestampMs = spec.timestamp === undefined ? nowMs : Date.parse(spec.timestamp);
  if (Number.isNaN(timestampMs)) throw new ControlInputError('timestamp must be an ISO date-time');
  const mediaType = spec.mediaType ?? 'IMAGE';
  if (mediaType !== 'IMAGE' && mediaType !== 'VIDEO')
    throw new ControlInputError('mediaType must be "IMAGE" or "VIDEO"');
  if (spec.caption !== undefined && typeof spec.caption !== 'string')
    throw new ControlInputError('caption must be text');
  const id = newGraphId(store);
  const media: Media = {
    id,
    account: guestAccount(store, spec.author),
    mediaType,
    productType: 'FEED',
    timestampMs,
    width: 1080,
    height: 1350,
    post: { shortcode: shortcodeFor(id), ...(spec.caption && { caption: spec.caption }) },
    children: [],
  };
  addFiles(store, media, [`@${spec.author}`, 'Guest post']);
  store.media.set(id, media);
  store.guestPosts.set(id, { media, tags, mentions });
  return { id, permalink: permalinkOf(media) };
}

/** The guest posts that tag the account, newest first. */
export function postsTagging(store: Store, userId: string): Media[] {
  return [...store.guestPosts.values()]
    .filter((post) => post.tags.has(userId))
    .map((post) => post.media)
    .sort((a, b) => b.timestampMs - a.timestampMs);
}

/** The guest post `mediaId` when it mentions the account. */
export function postMentioning(
  store: Store,
  userId: string,
  mediaId: string,
): GuestPost | undefined {
  const post = store.guestPosts.get(mediaId);
  return post?.mentions.has(userId) ? post : undefined;
}

/** Forgets every guest post and its files (control `reset`). */
export function resetGuestPosts(store: Store): void {
  for (const { media } of store.guestPosts.values()) {
    store.media.delete(media.id);
    for (const asset of [media.asset, media.thumbnail, media.account.profilePicture])
      if (asset) store.assets.delete(asset.file);
  }
  store.guestPosts.clear();
}

function accountIds(store: Store, ids: unknown, name: string): Set<string> {
  if (ids === undefined) return new Set();
  if (
    !Array.isArray(ids) ||
    ids.some((id) => typeof id !== 'string' || !store.accountsByUserId.has(id))
  )
    throw new ControlInputError(`${name} must be a list of the seed's IG user ids`);
  return new Set(ids as string[]);
}

/** The guest's account: outside `accounts`, so no token reads it and no route lists it. */
function guestAccount(store: Store, username: string): Account {
  const userId = newGraphId(store);
  return {
    seed: {
      userId,
      appScopedId: userId,
      username,
      name: username,
      accountType: 'MEDIA_CREATOR',
      biography: '',
      website: '',
      followersCount: 0,
      followsCount: 0,
      tokens: [],
      media: [],
    },
    userId,
    media: [],
    stories: [],
    profilePicture: addAsset(store, {
      file: `${userId}_p_n.jpg`,
      kind: 'image',
      width: 320,
      height: 320,
      label: [`@${username}`],
      colourKey: userId,
    }),
    facebook: { userId, userName: username, pageId: userId, pageName: username },
  };
}

/** What `sendMentionWebhook` needs beyond a delivery's options: the guest post to announce. */
export interface MentionWebhookSpec extends Omit<WebhookDeliverySpec, 'entries'> {
  /** A guest post's id: one `mentions` change per account its caption mentions. */
  mediaId: string;
}

/** The `mentions` notification of a guest post (§7.3: `{ media_id }`, caption mentions), one entry per mentioned account. */
export function mentionDelivery(store: Store, spec: MentionWebhookSpec): WebhookDeliverySpec {
  const post = store.guestPosts.get(String(spec?.mediaId));
  if (!post || post.mentions.size === 0)
    throw new ControlInputError('mediaId must be a guest post that mentions a seeded account');
  const { mediaId, ...delivery } = spec;
  return {
    ...delivery,
    entries: [...post.mentions].map((accountId) => ({
      accountId,
      changes: [{ field: 'mentions', value: { media_id: mediaId } }],
    })),
  };
}
