import type { GraphUsage } from '../graph/index.ts';

/** From this usage percentage on, the live feed asks Graph less often. */
export const SLOW_DOWN_AT_PERCENT = 80;
/** At 100 % usage the feed waits this many TTLs between calls. */
const MAX_STRETCH = 10;
/** Consecutive failures double the wait up to this many TTLs. */
const MAX_FAILURE_STRETCH = 16;

/**
 * How long after a successful call the next one may go out: the TTL, stretched linearly up to
 * `MAX_STRETCH` TTLs as the reported usage (X-App-Usage, X-Business-Use-Case-Usage) goes from
 * 80 % to 100 %, and never before the access Graph said it would regain.
 */
export function intervalAfterSuccess(ttlMs: number, usage: GraphUsage | undefined): number {
  if (!usage) return ttlMs;
  const over = Math.max(0, usage.maxPercent - SLOW_DOWN_AT_PERCENT);
  const fraction = Math.min(1, over / (100 - SLOW_DOWN_AT_PERCENT));
  const stretched = Math.round(ttlMs * (1 + fraction * (MAX_STRETCH - 1)));
  return Math.max(stretched, usage.regainAccessMs);
}

/** After the `failures`-th failure in a row: the TTL doubled each time, or Graph's own wait when longer. */
export function intervalAfterFailure(
  ttlMs: number,
  failures: number,
  retryAfterMs: number | undefined,
): number {
  const backoff = ttlMs * Math.min(MAX_FAILURE_STRETCH, 2 ** Math.max(0, failures - 1));
  return Math.max(backoff, retryAfterMs ?? 0);
}
