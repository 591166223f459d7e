import {
  ACCOUNT_METRICS,
  MEDIA_METRIC_SPECS,
  MEDIA_METRICS,
  type MediaProduct,
} from '../insights/insights-metrics.ts';
import type { Checker } from './seed.ts';

/** `media.insights`: metrics the media's product type has, each a whole number or null. */
export function checkMediaInsights(
  check: Checker,
  media: Record<string, unknown>,
  path: string,
): void {
  if (!isObject(media.insights)) {
    check.fail(path, 'an object of metric values');
    return;
  }
  const product = media.productType as MediaProduct;
  const allowed = MEDIA_METRICS.filter((metric) =>
    MEDIA_METRIC_SPECS[metric].products.includes(product),
  );
  for (const [metric, value] of Object.entries(media.insights)) {
    if ((allowed as string[]).includes(metric)) checkValue(check, value, `${path}.${metric}`);
    else
      check.fail(
        `${path}.${metric}`,
        `a metric of ${String(media.productType)} media: one of ${allowed.join(', ')}`,
      );
  }
}

/** `account.insights`: `derive` and `daily` values keyed by Pacific date. */
export function checkAccountInsights(check: Checker, insights: unknown, path: string): void {
  if (!isObject(insights)) {
    check.fail(path, 'an object with daily and/or derive');
    return;
  }
  check.optionalBoolean(insights.derive, `${path}.derive`);
  if (insights.daily === undefined) return;
  if (!isObject(insights.daily)) {
    check.fail(`${path}.daily`, 'an object keyed by Pacific date (YYYY-MM-DD)');
    return;
  }
  for (const [date, day] of Object.entries(insights.daily))
    checkDay(check, date, day, `${path}.daily.${date}`);
}

function checkDay(check: Checker, date: string, day: unknown, path: string): void {
  if (!isDate(date)) check.fail(path, 'a date key such as "2026-04-29"');
  if (!isObject(day)) {
    check.fail(path, 'an object of metric values');
    return;
  }
  for (const [metric, value] of Object.entries(day)) {
    if ((ACCOUNT_METRICS as readonly string[]).includes(metric))
      checkValue(check, value, `${path}.${metric}`);
    else check.fail(`${path}.${metric}`, `an account metric: one of ${ACCOUNT_METRICS.join(', ')}`);
  }
}

function checkValue(check: Checker, value: unknown, path: string): void {
  if (value !== null && !(Number.isInteger(value) && (value as number) >= 0))
    check.fail(path, 'a whole number ≥ 0, or null (no data)');
}

function isDate(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return (
    /^\d{4}-\d\d-\d\d$/.test(text) &&
    !Number.isNaN(ms) &&
    new Date(ms).toISOString().startsWith(text)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
