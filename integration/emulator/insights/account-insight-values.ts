import { type Formulas, insightValues } from './insight-values.ts';
import type { AccountDailyMetric } from './insights-metrics.ts';
import { stableHash } from '../core/stable-hash.ts';
import type { Account } from '../core/store.ts';

/** d = stableHash(`<IG user id>/<Pacific date>`): each account's days differ, and stay the same on every run. */
const DAY_FORMULAS = (d: number): Formulas<AccountDailyMetric> => ({
  reach: () => 1000 + (d % 500),
  views: (v) => Math.round(v('reach') * 1.8),
  follower_count: () => d % 12,
  accounts_engaged: (v) => Math.floor(v('reach') / 10),
  likes: (v) => Math.floor(v('reach') / 8),
  comments: (v) => Math.floor(v('reach') / 60),
  shares: (v) => Math.floor(v('reach') / 80),
  saves: (v) => Math.floor(v('reach') / 50),
  replies: () => d % 4,
  total_interactions: (v) => v('likes') + v('comments') + v('shares') + v('saves') + v('replies'),
  profile_views: (v) => Math.floor(v('reach') / 20),
  website_clicks: (v) => Math.floor(v('profile_views') / 10),
  profile_links_taps: (v) => Math.floor(v('profile_views') / 8),
  follows_and_unfollows: (v) => v('follower_count') + (d % 5),
});

/** One Pacific day's value of a metric for the account; undefined when that day has no data for it. */
export function accountDayValue(
  account: Account,
  date: string,
  metric: AccountDailyMetric,
): number | undefined {
  const insights = account.seed.insights;
  const given = insights?.daily?.[date] ?? {};
  const formulas =
    insights?.derive === false ? undefined : DAY_FORMULAS(stableHash(`${account.userId}/${date}`));
  return insightValues(given, formulas)(metric);
}
