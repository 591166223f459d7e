import { GraphError, nonexistingField } from '../core/errors.ts';
import { type FieldRequest, modifierList } from '../core/fields.ts';
import { breakdownValue } from './insights-breakdown.ts';
import {
  breakdownUnsupported,
  carouselChildInsights,
  mediaMetricUnsupported,
  notEnoughViewers,
  removedInV22,
  removedMetric,
  sharesUnsupported,
} from './insights-errors.ts';
import {
  isOneOf,
  MEDIA_BREAKDOWN_SHARES,
  MEDIA_BREAKDOWNS,
  MEDIA_METRIC_SPECS,
  MEDIA_METRICS,
  type MediaBreakdown,
  type MediaMetric,
  REMOVED_BEFORE_V22,
  REMOVED_IN_V22,
} from './insights-metrics.ts';
import { readBreakdown, readMetrics } from './insights-request.ts';
import { mediaInsightValues } from './media-insight-values.ts';
import type { Media } from '../core/store.ts';

export interface MediaInsightsRequest {
  metrics: MediaMetric[];
  breakdown?: MediaBreakdown;
  /** Sub-fields of each result (`insights.metric(reach){values}`); all when absent. */
  fields?: FieldRequest[];
}

const RESULT_FIELDS = ['name', 'period', 'values', 'title', 'description', 'total_value', 'id'];
// A story needs this many accounts reached before Graph shows its insights.
const MIN_STORY_VIEWERS = 5;

/** The checks that do not depend on the media: metric and breakdown names, sub-fields. */
export function readMediaInsightsRequest(
  metric: string[] | undefined,
  breakdown: string[] | undefined,
  fields?: FieldRequest[],
): MediaInsightsRequest {
  const request = {
    metrics: readMetrics(metric, MEDIA_METRICS, removedMediaMetric),
    breakdown: readBreakdown(breakdown, MEDIA_BREAKDOWNS),
    fields,
  };
  for (const field of fields ?? []) {
    if (!RESULT_FIELDS.includes(field.name))
      throw new GraphError(nonexistingField(field.name, 'InstagramInsightsResult'));
  }
  return request;
}

/** `insights.metric(a,b).breakdown(x){…}` in a media's `fields`. */
export function insightsFieldRequest(field: FieldRequest): MediaInsightsRequest {
  return readMediaInsightsRequest(
    modifierList(field, 'metric'),
    modifierList(field, 'breakdown'),
    field.fields,
  );
}

/** The `data` of `/{media-id}/insights`: one result per metric with data, in request order; all or nothing. */
export function mediaInsights(
  media: Media,
  request: MediaInsightsRequest,
): Record<string, unknown>[] {
  checkMediaFor(media, request);
  const value = mediaInsightValues(media);
  if (media.productType === 'STORY' && (value('reach') ?? MIN_STORY_VIEWERS) < MIN_STORY_VIEWERS)
    throw new GraphError(notEnoughViewers());
  return request.metrics.flatMap((metric) => {
    const total = value(metric);
    return total === undefined
      ? []
      : [selectFields(insightResult(media, metric, total, request.breakdown), request.fields)];
  });
}

function checkMediaFor(media: Media, request: MediaInsightsRequest): void {
  if (media.parent) throw new GraphError(carouselChildInsights(media.parent.id));
  for (const metric of request.metrics) {
    if (!MEDIA_METRIC_SPECS[metric].products.includes(media.productType))
      throw new GraphError(mediaMetricUnsupported(metric));
    if (metric === 'shares' && media.post?.sharesUnsupported)
      throw new GraphError(sharesUnsupported());
  }
  const { breakdown } = request;
  const without = request.metrics.filter(
    (metric) => MEDIA_METRIC_SPECS[metric].breakdown !== breakdown,
  );
  if (breakdown && without.length > 0)
    throw new GraphError(breakdownUnsupported(without, breakdown));
}

function insightResult(
  media: Media,
  metric: MediaMetric,
  total: number,
  breakdown?: MediaBreakdown,
): Record<string, unknown> {
  const { title, description } = MEDIA_METRIC_SPECS[metric];
  return {
    name: metric,
    period: 'lifetime',
    values: [{ value: total }],
    title,
    description,
    ...(breakdown && {
      total_value: breakdownValue(total, breakdown, MEDIA_BREAKDOWN_SHARES[breakdown]),
    }),
    id: `${media.id}/insights/${metric}/lifetime`,
  };
}

/** Requested keys in request order; `id` always, last. */
function selectFields(
  result: Record<string, unknown>,
  fields: FieldRequest[] | undefined,
): Record<string, unknown> {
  if (!fields) return result;
  const out: Record<string, unknown> = {};
  for (const { name } of fields) if (result[name] !== undefined) out[name] = result[name];
  out.id = result.id;
  return out;
}

function removedMediaMetric(metric: string) {
  if (isOneOf(REMOVED_IN_V22, metric)) return removedInV22(metric, 'media');
  return isOneOf(REMOVED_BEFORE_V22, metric) ? removedMetric(metric) : undefined;
}
