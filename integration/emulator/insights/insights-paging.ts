import type { AccountInsightsRequest } from './account-insights-request.ts';
import type { Account } from '../core/store.ts';
import type { ViewContext } from '../core/view.ts';

/** Time-based paging: the same request, its since/until window moved back or forward by its own span. */
export function timePaging(
  account: Account,
  query: URLSearchParams,
  request: AccountInsightsRequest,
  view: ViewContext,
): { previous: string; next: string } {
  const spanMs = request.untilMs - request.sinceMs;
  const link = (shiftMs: number) => {
    const params = new URLSearchParams(query);
    params.set('access_token', view.accessToken);
    params.set('since', String(Math.floor((request.sinceMs + shiftMs) / 1000)));
    params.set('until', String(Math.floor((request.untilMs + shiftMs) / 1000)));
    return `${view.origin}/${view.version}/${account.userId}/insights?${params}`;
  };
  return { previous: link(-spanMs), next: link(spanMs) };
}
