import { nodeTypeName } from '../core/flavour.ts';
import { GraphError, nonexistingField, requiredParameter, unsupportedGet } from '../core/errors.ts';
import type { FieldRequest } from '../core/fields.ts';
import { requireOwnAccount } from '../http/auth.ts';
import type { GraphCall, GraphRoute } from '../http/graph-call.ts';
import { checkMediaFields, renderMedia } from '../read/media-view.ts';
import { readPageRequest, takePage } from '../read/paging.ts';
import { postMentioning, postsTagging } from './guest-posts.ts';

/**
 * `GET /{ig-user-id}/tags` (graph.facebook.com): the posts the account is tagged in, newest
 * first. Like Graph on this edge, `paging` has cursors but no `next`/`previous` links (§3.1).
 */
export const tagsRoute: GraphRoute = (call) => {
  requireOwnAccount(call.account, call.route.nodeId ?? '');
  checkMediaFields(call.fields, call.route.flavour);
  const page = takePage(postsTagging(call.store, call.account.userId), readPageRequest(call.query));
  const data = page.items.map((media) => renderMedia(media, call.fields, call.view));
  return page.cursors ? { data, paging: { cursors: page.cursors } } : { data };
};

/** graph.instagram.com has no `tags` edge: Instagram Login cannot read tagging (§1.1). */
export const noTagsEdge: GraphRoute = (call) => {
  throw new GraphError(nonexistingField('tags', nodeTypeName(call.route.flavour, 'IGUser')));
};

/**
 * `mentioned_media.media_id(<id>){fields}` on `GET /{ig-user-id}` (graph.facebook.com): a
 * post whose caption @mentions the account, read by the mentioned account. Another post's id
 * answers 100/33, as any media the token cannot load.
 */
export function mentionedMedia(call: GraphCall, field: FieldRequest): Record<string, unknown> {
  checkMediaFields(field.fields, call.route.flavour);
  const mediaId = field.modifiers.media_id?.trim();
  if (!mediaId) throw new GraphError(requiredParameter('media_id'));
  const post = postMentioning(call.store, call.account.userId, mediaId);
  if (!post) throw new GraphError(unsupportedGet(mediaId));
  return renderMedia(post.media, field.fields, call.view);
}
