import { GraphError, requiredParameter } from '../core/errors.ts';
import { splitList } from '../core/fields.ts';
import {
  breakdownNeedsTotalValue,
  breakdownUnsupported,
  needsMetricType,
  periodNotServed,
  rangeTooLong,
  removedInV22,
  sinceNotBeforeUntil,
  valueNotOneOf,
} from './insights-errors.ts';
import {
  ACCOUNT_BREAKDOWNS,
  ACCOUNT_METRIC_SPECS,
  ACCOUNT_METRICS,
  type AccountBreakdown,
  type AccountDailyMetric,
  isOneOf,
  METRIC_TYPES,
  type MetricType,
  PERIODS,
} from './insights-metrics.ts';
import { readBreakdown, readMetrics } from './insights-request.ts';
import { readTimeParam } from '../core/time-param.ts';

/** `GET /{ig-user-id}/insights`, checked. */
export interface AccountInsightsRequest {
  metrics: AccountDailyMetric[];
  metricType: MetricType;
  breakdown?: AccountBreakdown;
  sinceMs: number;
  untilMs: number;
}

const DAY_MS = 86_400_000;
const MAX_RANGE_MS = 30 * DAY_MS;

/** Checked in this order: metric, metric_type, period, metric types, breakdown, since/until. */
export function readAccountInsightsRequest(
  query: URLSearchParams,
  nowMs: number,
): AccountInsightsRequest {
  const metrics = readMetrics(splitList(query.get('metric')), ACCOUNT_METRICS, (metric) =>
    metric === 'impressions' ? removedInV22(metric, 'user') : undefined,
  );
  const metricType = readMetricType(query.get('metric_type'));
  checkPeriod(query.get('period'));
  checkMetricTypes(metrics, metricType);
  const breakdown = readAccountBreakdown(query, metrics, metricType);
  return { metrics, metricType, breakdown, ...readRange(query, nowMs) };
}

/** Graph's default is a time series. */
function readMetricType(raw: string | null): MetricType {
  if (!raw) return 'time_series';
  if (!isOneOf(METRIC_TYPES, raw)) throw new GraphError(valueNotOneOf('metric_type', METRIC_TYPES));
  return raw;
}

function checkPeriod(raw: string | null): void {
  if (!raw) throw new GraphError(requiredParameter('period'));
  if (!isOneOf(PERIODS, raw)) throw new GraphError(valueNotOneOf('period', PERIODS));
  if (raw !== 'day') throw new GraphError(periodNotServed(raw));
}

/** One metric that needs the other metric type fails the whole request, naming every such metric. */
function checkMetricTypes(metrics: AccountDailyMetric[], metricType: MetricType): void {
  const wrong = metrics.filter(
    (metric) => !ACCOUNT_METRIC_SPECS[metric].metricTypes.includes(metricType),
  );
  if (wrong.length > 0)
    throw new GraphError(
      needsMetricType(wrong, metricType === 'time_series' ? 'total_value' : 'time_series'),
    );
}

function readAccountBreakdown(
  query: URLSearchParams,
  metrics: AccountDailyMetric[],
  metricType: MetricType,
): AccountBreakdown | undefined {
  const breakdown = readBreakdown(splitList(query.get('breakdown')), ACCOUNT_BREAKDOWNS);
  if (!breakdown) return undefined;
  if (metricType !== 'total_value') throw new GraphError(breakdownNeedsTotalValue());
  const without = metrics.filter(
    (metric) => !ACCOUNT_METRIC_SPECS[metric].breakdowns.includes(breakdown),
  );
  if (without.length > 0) throw new GraphError(breakdownUnsupported(without, breakdown));
  return breakdown;
}

/** Without `until`, now; without `since`, 24 hours before `until`. */
function readRange(query: URLSearchParams, nowMs: number): { sinceMs: number; untilMs: number } {
  const untilMs = readTimeParam(query, 'until') ?? nowMs;
  const sinceMs = readTimeParam(query, 'since') ?? untilMs - DAY_MS;
  if (sinceMs >= untilMs) throw new GraphError(sinceNotBeforeUntil());
  if (untilMs - sinceMs > MAX_RANGE_MS) throw new GraphError(rangeTooLong());
  return { sinceMs, untilMs };
}
