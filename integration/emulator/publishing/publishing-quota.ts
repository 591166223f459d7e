import type { PublishingState } from './publishing-state.ts';
import type { Account, Store } from '../core/store.ts';

// Both limits run over a rolling 24 hours per account (content publishing guide): posts published
// through the API (a carousel is one), and containers created (400).
export const QUOTA_DURATION_SECONDS = 86_400;
const WINDOW_MS = QUOTA_DURATION_SECONDS * 1000;
export const CONTAINER_LIMIT = 400;

/** `quota_total`: the seed account's `publishingLimit`, else the emulator's option. */
export function publishingLimit(state: PublishingState, account: Account): number {
  return account.seed.publishingLimit ?? state.options.publishingLimit;
}

/** Posts published in the last 24 hours, and at or after `sinceMs` when given. */
export function quotaUsage(
  state: PublishingState,
  account: Account,
  nowMs: number,
  sinceMs = -Infinity,
): number {
  return state.published.filter(({ media }) => {
    const at = media.timestampMs;
    return media.account === account && at > nowMs - WINDOW_MS && at >= sinceMs && at <= nowMs;
  }).length;
}

export function containersCreatedInWindow(store: Store, account: Account, nowMs: number): number {
  let count = 0;
  for (const container of store.containers.values()) {
    if (
      container.account === account &&
      container.createdAtMs > nowMs - WINDOW_MS &&
      container.createdAtMs <= nowMs
    )
      count += 1;
  }
  return count;
}
