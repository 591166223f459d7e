import type { GraphError } from './errors.ts';

export interface RetryPolicy {
  maxRetries: number;
  retryBaseMs: number;
  maxBackoffMs: number;
  /** The longest wait for a rate limit to clear; longer ones fail at once. */
  maxWaitMs: number;
  random: () => number;
}

export type RetryDecision =
  | { retry: false }
  /**
   * `throttle`: the whole client should hold off (a rate limit is per app and account);
   * `request`: only this request waits (a server or network hiccup).
   */
  | { retry: true; delayMs: number; scope: 'throttle' | 'request' };

/** Exponential backoff with full jitter: uniform in [0, min(cap, base · 2^retry)). */
export function backoffMs(
  retry: number,
  policy: Pick<RetryPolicy, 'retryBaseMs' | 'maxBackoffMs' | 'random'>,
): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.retryBaseMs * 2 ** retry);
  return Math.round(policy.random() * ceiling);
}

/** Whether to retry after `error`, given how many retries were already made, and after how long. */
export function decideRetry(
  error: GraphError,
  retriesSoFar: number,
  policy: RetryPolicy,
): RetryDecision {
  if (retriesSoFar >= policy.maxRetries) return { retry: false };
  if (error.category === 'transient') {
    return { retry: true, delayMs: backoffMs(retriesSoFar, policy), scope: 'request' };
  }
  if (error.category === 'rate_limit') {
    // Graph sends no Retry-After; `estimated_time_to_regain_access` in the usage header is the
    // only hint, and calling while throttled extends the block (Graph "Rate Limits").
    const delayMs = error.retryAfterMs || backoffMs(retriesSoFar, policy);
    return delayMs > policy.maxWaitMs
      ? { retry: false }
      : { retry: true, delayMs, scope: 'throttle' };
  }
  return { retry: false };
}
