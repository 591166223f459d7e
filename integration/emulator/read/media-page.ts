import { formatFields, type FieldRequest } from '../core/fields.ts';
import { renderMedia } from './media-view.ts';
import { takePage, type PageRequest } from './paging.ts';
import type { Account, Media } from '../core/store.ts';
import type { ViewContext } from '../core/view.ts';

export interface MediaPageRequest {
  fields?: FieldRequest[];
  /** The `fields` text as the client sent it, repeated verbatim in `paging` links. */
  rawFields?: string;
  page: PageRequest;
  sinceMs?: number;
  untilMs?: number;
}

/** A list edge of an account: `media` (feed posts and reels) or `stories`, newest first. */
export interface MediaList {
  account: Account;
  edge: 'media' | 'stories';
  items: Media[];
}

/** One page of an account's media, newest first, with Graph's `paging` block (developers.facebook.com/docs/graph-api/results). */
export function mediaPage(
  account: Account,
  request: MediaPageRequest,
  view: ViewContext,
): Record<string, unknown> {
  return listPage({ account, edge: 'media', items: account.media }, request, view);
}

/** One page of a media list edge; every item is rendered before anything is answered. */
export function listPage(
  list: MediaList,
  request: MediaPageRequest,
  view: ViewContext,
): Record<string, unknown> {
  const page = takePage(inTimeRange(list.items, request), request.page);
  const data = page.items.map((media) => renderMedia(media, request.fields, view));
  if (!page.cursors) return { data };
  const paging: Record<string, unknown> = { cursors: page.cursors };
  if (page.hasNext) paging.next = pageLink(list, request, view, { after: page.cursors.after });
  if (page.hasPrevious)
    paging.previous = pageLink(list, request, view, { before: page.cursors.before });
  return { data, paging };
}

function inTimeRange(media: Media[], request: MediaPageRequest): Media[] {
  const { sinceMs = -Infinity, untilMs = Infinity } = request;
  return media.filter((item) => item.timestampMs >= sinceMs && item.timestampMs <= untilMs);
}

/** Graph's `next`/`previous` are absolute and carry the token in plain text. */
function pageLink(
  list: MediaList,
  request: MediaPageRequest,
  view: ViewContext,
  cursor: Record<string, string>,
): string {
  const query = new URLSearchParams({ access_token: view.accessToken });
  const fields = request.rawFields ?? (request.fields ? formatFields(request.fields) : undefined);
  if (fields) query.set('fields', fields);
  query.set('limit', String(request.page.limit));
  if (request.sinceMs !== undefined) query.set('since', String(Math.floor(request.sinceMs / 1000)));
  if (request.untilMs !== undefined) query.set('until', String(Math.floor(request.untilMs / 1000)));
  for (const [name, value] of Object.entries(cursor)) query.set(name, value);
  return `${view.origin}/${view.version}/${list.account.userId}/${list.edge}?${query}`;
}
