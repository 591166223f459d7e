import { requireOwnAccount } from '../http/auth.ts';
import { GraphError, unsupportedGet } from '../core/errors.ts';
import { listPage, type MediaList, type MediaPageRequest } from './media-page.ts';
import { checkMediaFields, renderChildren, renderMedia } from './media-view.ts';
import { readPageRequest } from './paging.ts';
import type { Media } from '../core/store.ts';
import { liveStories } from './stories.ts';
import { readTimeParam } from '../core/time-param.ts';
import type { GraphCall } from '../http/graph-call.ts';
import { requireInsightsScopeForFields } from '../insights/insights-access.ts';

/** `GET /me/media` and `GET /{ig-user-id}/media`: newest first, cursor paging, `since`/`until` on the timestamp. */
export function mediaListRoute(call: GraphCall): unknown {
  return listRoute(call, { account: call.account, edge: 'media', items: call.account.media });
}

/** `GET /{ig-user-id}/stories` (and `/me/stories`): the live stories, listed like media. */
export function storiesRoute(call: GraphCall): unknown {
  return listRoute(call, {
    account: call.account,
    edge: 'stories',
    items: liveStories(call.account, call.clock.now()),
  });
}

function listRoute(call: GraphCall, list: MediaList): unknown {
  // `/me/...` has no node id.
  if (call.route.nodeId !== undefined) requireOwnAccount(call.account, call.route.nodeId);
  checkMediaFields(call.fields, call.route.flavour);
  requireInsightsScopeForFields(call);
  return listPage(list, listRequest(call), call.view);
}

function listRequest(call: GraphCall): MediaPageRequest {
  return {
    fields: call.fields,
    rawFields: call.query.get('fields') ?? undefined,
    page: readPageRequest(call.query),
    sinceMs: readTimeParam(call.query, 'since'),
    untilMs: readTimeParam(call.query, 'until'),
  };
}

/** `GET /{media-id}`: a post, story or carousel child of the token's account. */
export function mediaNodeRoute(call: GraphCall): unknown {
  const media = ownMedia(call);
  checkMediaFields(call.fields, call.route.flavour);
  requireInsightsScopeForFields(call);
  return renderMedia(media, call.fields, call.view);
}

/** `GET /{media-id}/children`: `{"data": [...]}`, empty for anything but a carousel. */
export function childrenRoute(call: GraphCall): unknown {
  const media = ownMedia(call);
  checkMediaFields(call.fields, call.route.flavour);
  requireInsightsScopeForFields(call);
  return { data: renderChildren(media, { fields: call.fields, modifiers: {} }, call.view) };
}

/** The token's account's media with the path's id, else 100/33. */
export function ownMedia(call: GraphCall): Media {
  const id = call.route.nodeId ?? '';
  const media = call.store.media.get(id);
  if (!media || media.account !== call.account) throw new GraphError(unsupportedGet(id));
  return media;
}
