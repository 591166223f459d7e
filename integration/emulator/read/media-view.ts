import { type LoginFlavour, nodeTypeName } from '../core/flavour.ts';
import { formatGraphTimestamp } from '../core/dates.ts';
import { GraphError, nonexistingField } from '../core/errors.ts';
import type { FieldRequest } from '../core/fields.ts';
import { insightsFieldRequest, mediaInsights } from '../insights/media-insights.ts';
import type { Media } from '../core/store.ts';
import type { ViewContext } from '../core/view.ts';

type MediaField = (media: Media, view: ViewContext, request: FieldRequest) => unknown;

// Field rules of the IG Media node (developers.facebook.com/docs/instagram-api/reference/ig-media).
// Returning undefined leaves the key out, as Graph does.
const MEDIA_FIELDS: Record<string, MediaField> = {
  id: (media) => media.id,
  caption: (media) => media.post?.caption || undefined,
  media_type: (media) => media.mediaType,
  media_product_type: (media) => media.productType,
  media_url: (media, view) =>
    isCopyrightBlocked(media) || !media.asset ? undefined : view.cdnUrl(media.asset),
  thumbnail_url: (media, view) => media.thumbnail && view.cdnUrl(media.thumbnail),
  permalink: (media) => media.post && permalinkOf(media),
  shortcode: (media) => media.post?.shortcode,
  timestamp: (media) => formatGraphTimestamp(media.timestampMs),
  username: (media) => media.account.seed.username,
  owner: (media) => ({ id: media.account.userId }),
  like_count: (media) => media.post?.likeCount,
  comments_count: (media) => media.post?.commentsCount,
  is_comment_enabled: (media) => media.post && (media.post.commentsEnabled ?? true),
  is_shared_to_feed: (media) =>
    media.productType === 'REELS' ? (media.post?.sharedToFeed ?? true) : undefined,
  alt_text: (media) => (media.mediaType === 'IMAGE' ? media.altText : undefined),
  children: (media, view, request) =>
    media.mediaType === 'CAROUSEL_ALBUM'
      ? { data: renderChildren(media, request, view) }
      : undefined,
  // An invalid metric for this media throws: the whole request fails, as Graph has no partial success.
  insights: (media, _view, request) => ({
    data: mediaInsights(media, insightsFieldRequest(request)),
  }),
};

/** Graph's error for the first unknown field, looked at before any data is rendered. */
export function checkMediaFields(
  fields: FieldRequest[] | undefined,
  flavour: LoginFlavour = 'instagram',
): void {
  for (const field of fields ?? []) {
    if (!Object.hasOwn(MEDIA_FIELDS, field.name))
      throw new GraphError(nonexistingField(field.name, nodeTypeName(flavour, 'IGMedia')));
    if (field.name === 'children') checkMediaFields(field.fields, flavour);
    if (field.name === 'insights') insightsFieldRequest(field);
  }
}

/** Requested fields in request order; `id` always, appended when not asked for. Without fields, just `{id}`. */
export function renderMedia(
  media: Media,
  fields: FieldRequest[] | undefined,
  view: ViewContext,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields ?? []) {
    const value = MEDIA_FIELDS[field.name]?.(media, view, field);
    if (value !== undefined) out[field.name] = value;
  }
  out.id = media.id;
  return out;
}

/** `children{...}` and `/children` share this; `.limit(n)` is honoured. */
export function renderChildren(
  media: Media,
  request: Pick<FieldRequest, 'fields' | 'modifiers'>,
  view: ViewContext,
): Record<string, unknown>[] {
  const limit = Number.parseInt(request.modifiers.limit ?? '', 10);
  const children = Number.isNaN(limit)
    ? media.children
    : media.children.slice(0, Math.max(limit, 0));
  return children.map((child) => renderMedia(child, request.fields, view));
}

function isCopyrightBlocked(media: Media): boolean {
  return Boolean(media.post?.copyrightBlocked ?? media.parent?.post?.copyrightBlocked);
}

/** Posts and reels link by shortcode; stories by account and id. */
export function permalinkOf(media: Media): string {
  if (media.productType === 'STORY')
    return `https://www.instagram.com/stories/${media.account.seed.username}/${media.id}/`;
  const kind = media.productType === 'REELS' ? 'reel' : 'p';
  return `https://www.instagram.com/${kind}/${media.post?.shortcode}/`;
}
