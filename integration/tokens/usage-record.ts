import type { GraphUsage } from '../graph/index.ts';
import type { AccountUsage } from '../store/index.ts';

/** The usage percentages /admin shows, from the last Graph response's usage headers. */
export function usageRecord(usage: GraphUsage, now: number): AccountUsage {
  const business = Object.values(usage.business ?? {})
    .flat()
    .map((entry) => Math.max(entry.callCount, entry.totalTime, entry.totalCputime));
  return {
    appPercent: usage.appCallCount ?? null,
    businessPercent: business.length > 0 ? Math.max(...business) : null,
    at: new Date(now).toISOString(),
  };
}
