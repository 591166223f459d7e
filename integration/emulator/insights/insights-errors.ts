import { type GraphErrorSpec, invalidParameter } from '../core/errors.ts';

// Insights errors. Graph's own texts (observed, see docs/emulator.md) unless marked as the emulator's wording.

export const metricNotOneOf = (index: number, valid: readonly string[]): GraphErrorSpec =>
  invalidParameter(`metric[${index}] must be one of the following values: ${valid.join(', ')}`);

export const mediaMetricUnsupported = (metric: string): GraphErrorSpec =>
  invalidParameter(
    `The Media Insights API does not support the ${metric} metric for this media product type.`,
  );

export const sharesUnsupported = (): GraphErrorSpec =>
  invalidParameter('The metric shares is not supported for this media type');

export const notEnoughViewers = (): GraphErrorSpec => ({
  message: '(#10) Not enough viewers for the media to show insights',
  type: 'OAuthException',
  code: 10,
});

/** Graph's user-insights text; the media variant is the emulator's completion of the observed opening. */
export const removedInV22 = (metric: string, node: 'media' | 'user'): GraphErrorSpec =>
  node === 'user'
    ? invalidParameter(
        `Starting from version 22 and above, the ${metric} metric is no longer supported for the queried user. Please refer to the documentation at https://developers.facebook.com/docs/instagram-api/reference/ig-user/insights for a list of supported metrics.`,
      )
    : invalidParameter(
        `Starting from version v22.0 and above, the ${metric} metric is no longer supported for the queried media. Please refer to the documentation at https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights for a list of supported metrics.`,
      );

export const rangeTooLong = (): GraphErrorSpec =>
  invalidParameter('There cannot be more than 30 days (2592000 s) between since and until');

export const needsMetricType = (metrics: readonly string[], metricType: string): GraphErrorSpec =>
  invalidParameter(
    `The following metrics (${metrics.join(',')}) should be specified with parameter metric_type=${metricType}`,
  );

// The emulator's wording from here on: Meta documents these cases, not their texts.

export const removedMetric = (metric: string): GraphErrorSpec =>
  invalidParameter(
    `The ${metric} metric is no longer supported. Please refer to the documentation at https://developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights for a list of supported metrics.`,
  );

export const carouselChildInsights = (parentId: string): GraphErrorSpec =>
  invalidParameter(
    `Insights are not available for carousel album children: request the insights of the album ${parentId}`,
  );

export const valueNotOneOf = (name: string, valid: readonly string[]): GraphErrorSpec =>
  invalidParameter(`${name} must be one of the following values: ${valid.join(', ')}`);

export const breakdownUnsupported = (
  metrics: readonly string[],
  breakdown: string,
): GraphErrorSpec =>
  invalidParameter(
    `The following metrics (${metrics.join(',')}) do not support the breakdown ${breakdown}`,
  );

export const oneBreakdownOnly = (): GraphErrorSpec =>
  invalidParameter('Only one breakdown can be requested at a time');

export const breakdownNeedsTotalValue = (): GraphErrorSpec =>
  invalidParameter('breakdown is only supported with metric_type=total_value');

export const periodNotServed = (period: string): GraphErrorSpec =>
  invalidParameter(`The period ${period} is not available in the emulator: request period=day`);

export const sinceNotBeforeUntil = (): GraphErrorSpec =>
  invalidParameter('The parameter since must be before until');
