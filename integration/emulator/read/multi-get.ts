import { GraphError, invalidParameter, unsupportedGet } from '../core/errors.ts';
import type { GraphCall } from '../http/graph-call.ts';
import { requireInsightsScopeForFields } from '../insights/insights-access.ts';
import { checkMediaFields, renderMedia } from './media-view.ts';

/** Graph takes at most 50 ids in one multi-get (graph-api.md §3.3). */
export const MAX_IDS = 50;

/**
 * `GET /?ids=<id1>,<id2>&fields=…`: several of the token's media in one round trip, keyed by id
 * (graph-api.md §3.3). Each id counts as one call toward the rate limit (`idsOf` sizes that).
 * UNCONFIRMED on graph.instagram.com, and so is the rest of what this route does: `insights.metric(…)`
 * expanded per id, the whole request failing when one id refuses a metric (as a single media's
 * insights do), and the texts of the errors for a missing, unknown or surplus id.
 */
export function multiGetRoute(call: GraphCall): Record<string, unknown> {
  const ids = idsOf(call.query);
  if (ids.length === 0) throw new GraphError(invalidParameter('Must specify ids'));
  if (ids.length > MAX_IDS)
    throw new GraphError(
      invalidParameter(`Too many IDs. Maximum: ${MAX_IDS}. Provided: ${ids.length}.`),
    );
  checkMediaFields(call.fields, call.route.flavour);
  requireInsightsScopeForFields(call);
  const answer: Record<string, unknown> = {};
  for (const id of ids) {
    const media = call.store.media.get(id);
    if (!media || media.account !== call.account) throw new GraphError(unsupportedGet(id));
    answer[id] = renderMedia(media, call.fields, call.view);
  }
  return answer;
}

/** The distinct ids of `?ids=`, in order. */
export function idsOf(query: URLSearchParams): string[] {
  const ids = (query.get('ids') ?? '').split(',').map((id) => id.trim());
  return [...new Set(ids.filter(Boolean))];
}
