import { requireOwnAccount } from '../auth.ts';
import { parseTimeParam } from '../dates.ts';
import { GraphError, invalidParameter, unsupportedGet } from '../errors.ts';
import { mediaPage } from '../media-page.ts';
import { checkMediaFields, renderChildren, renderMedia } from '../media-view.ts';
import { readPageRequest } from '../paging.ts';
import type { Media } from '../store.ts';
import type { GraphCall } from './graph-call.ts';

/** `GET /me/media` and `GET /{ig-user-id}/media`: newest first, cursor paging, `since`/`until` on the timestamp. */
export function mediaListRoute(call: GraphCall): unknown {
  if (call.route.key !== 'GET /me/media') requireOwnAccount(call.account, call.route.nodeId ?? '');
  checkMediaFields(call.fields);
  return mediaPage(
    call.account,
    {
      fields: call.fields,
      rawFields: call.query.get('fields') ?? undefined,
      page: readPageRequest(call.query),
      sinceMs: readTime(call.query, 'since'),
      untilMs: readTime(call.query, 'until'),
    },
    call.view,
  );
}

/** `GET /{media-id}`: a post or a carousel child of the token's account. */
export function mediaNodeRoute(call: GraphCall): unknown {
  const media = ownMedia(call);
  checkMediaFields(call.fields);
  return renderMedia(media, call.fields, call.view);
}

/** `GET /{media-id}/children`: `{"data": [...]}`, empty for anything but a carousel. */
export function childrenRoute(call: GraphCall): unknown {
  const media = ownMedia(call);
  checkMediaFields(call.fields);
  return { data: renderChildren(media, { fields: call.fields, modifiers: {} }, call.view) };
}

function ownMedia(call: GraphCall): Media {
  const id = call.route.nodeId ?? '';
  const media = call.store.media.get(id);
  if (!media || media.account !== call.account) throw new GraphError(unsupportedGet(id));
  return media;
}

function readTime(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = parseTimeParam(raw);
  if (Number.isNaN(ms)) throw new GraphError(invalidParameter(`The parameter ${name} must be a unix timestamp or a date string`));
  return ms;
}
