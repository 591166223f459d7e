import type { AccountInsightsRequest } from './account-insights-request.ts';
import { accountDayValue } from './account-insight-values.ts';
import { formatGraphTimestamp } from '../core/dates.ts';
import { breakdownValue } from './insights-breakdown.ts';
import {
  ACCOUNT_BREAKDOWN_SHARES,
  ACCOUNT_METRIC_SPECS,
  type AccountDailyMetric,
} from './insights-metrics.ts';
import { type PacificDay, pacificDaysEnding } from './pacific-days.ts';
import type { Account } from '../core/store.ts';

interface DayValue {
  value: number;
  end_time: string;
}

const DAY_MS = 86_400_000;
// Graph has no follower data for smaller accounts.
const MIN_FOLLOWERS = 100;

/** The `data` of `/{ig-user-id}/insights`: the Pacific days ending in (since, until], none after now. */
export function accountInsights(
  account: Account,
  request: AccountInsightsRequest,
  nowMs: number,
): Record<string, unknown>[] {
  const days = pacificDaysEnding(request.sinceMs, Math.min(request.untilMs, nowMs));
  return request.metrics.flatMap((metric) => {
    if (ACCOUNT_METRIC_SPECS[metric].needsFollowers && account.seed.followersCount < MIN_FOLLOWERS)
      return [];
    const values = dayValues(account, metric, days, nowMs);
    if (request.metricType === 'time_series') return [timeSeries(account, metric, values)];
    return values.length > 0 ? [totalValue(account, metric, values, request)] : [];
  });
}

/** The days with data; metrics with a history limit lose the days that ended before it. */
function dayValues(
  account: Account,
  metric: AccountDailyMetric,
  days: PacificDay[],
  nowMs: number,
): DayValue[] {
  const historyDays = ACCOUNT_METRIC_SPECS[metric].historyDays;
  const oldestEndMs = historyDays === undefined ? -Infinity : nowMs - historyDays * DAY_MS;
  return days.flatMap(({ date, endMs }) => {
    const value = endMs > oldestEndMs ? accountDayValue(account, date, metric) : undefined;
    return value === undefined ? [] : [{ value, end_time: formatGraphTimestamp(endMs) }];
  });
}

function timeSeries(
  account: Account,
  metric: AccountDailyMetric,
  values: DayValue[],
): Record<string, unknown> {
  const { title, description } = ACCOUNT_METRIC_SPECS[metric];
  return { name: metric, period: 'day', values, title, description, id: resultId(account, metric) };
}

/** The sum over the days (for reach too: the emulator does not count unique accounts across days). */
function totalValue(
  account: Account,
  metric: AccountDailyMetric,
  values: DayValue[],
  request: AccountInsightsRequest,
): Record<string, unknown> {
  const { title, description } = ACCOUNT_METRIC_SPECS[metric];
  const total = values.reduce((sum, day) => sum + day.value, 0);
  const { breakdown } = request;
  return {
    name: metric,
    period: 'day',
    title,
    description,
    total_value: breakdown
      ? breakdownValue(total, breakdown, ACCOUNT_BREAKDOWN_SHARES[breakdown])
      : { value: total },
    id: resultId(account, metric),
  };
}

function resultId(account: Account, metric: string): string {
  return `${account.userId}/insights/${metric}/day`;
}
