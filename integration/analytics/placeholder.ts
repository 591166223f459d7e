import { kindBreakdown, monthly, timeBuckets, topPosts, totals } from './compute.ts';
import { datesBetween } from './dates.ts';
import type { AnalyticsPayload } from './payload.ts';

/**
 * The shape of a range's payload before any number is known: every date and month of the range,
 * no posts, every value null. The dashboard renders its sections with it while their server
 * islands load, so that each placeholder takes the room the section will (no layout shift).
 */
export function placeholderPayload(
  range: { account: string; since: string; until: string },
  timeZone: string,
): AnalyticsPayload {
  const dates = datesBetween(range.since, range.until);
  const months = [...new Set(dates.map((date) => date.slice(0, 7)))];
  return {
    account: { id: range.account, username: '…', followers: null, follows: null, mediaCount: null },
    range: { since: range.since, until: range.until, timezone: timeZone },
    generatedAt: new Date(0).toISOString(),
    notes: [],
    totals: totals([], null),
    series: dates.map((date) => ({ date, reach: null, views: null, followerCount: null })),
    monthly: monthly([], months, timeZone),
    mediaTypeBreakdown: kindBreakdown([]),
    ...timeBuckets([], timeZone),
    topPosts: topPosts([]),
    posts: [],
  };
}
