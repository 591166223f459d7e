import { readAccountInsightsRequest } from './account-insights-request.ts';
import { accountInsights } from './account-insights.ts';
import { requireOwnAccount } from '../http/auth.ts';
import { splitList } from '../core/fields.ts';
import { timePaging } from './insights-paging.ts';
import { mediaInsights, readMediaInsightsRequest } from './media-insights.ts';
import type { GraphCall } from '../http/graph-call.ts';
import { requireInsightsScope } from './insights-access.ts';
import { ownMedia } from '../read/media.ts';

/** `GET /{media-id}/insights?metric=…[&breakdown=…]`: lifetime values; `period` is always lifetime and ignored. */
export function mediaInsightsRoute(call: GraphCall): unknown {
  const media = ownMedia(call);
  requireInsightsScope(call);
  const request = readMediaInsightsRequest(
    splitList(call.query.get('metric')),
    splitList(call.query.get('breakdown')),
    call.fields,
  );
  return { data: mediaInsights(media, request) };
}

/** `GET /{ig-user-id}/insights` (and `/me/insights`): per-day values or totals, with time-based paging. */
export function accountInsightsRoute(call: GraphCall): unknown {
  if (call.route.nodeId !== undefined) requireOwnAccount(call.account, call.route.nodeId);
  requireInsightsScope(call);
  const nowMs = call.clock.now();
  const request = readAccountInsightsRequest(call.query, nowMs);
  return {
    data: accountInsights(call.account, request, nowMs),
    paging: timePaging(call.account, call.query, request, call.view),
  };
}
