import { GraphError, type GraphErrorSpec, requiredParameter } from '../core/errors.ts';
import { metricNotOneOf, oneBreakdownOnly, valueNotOneOf } from './insights-errors.ts';
import { isOneOf } from './insights-metrics.ts';

/**
 * The `metric` list, checked in request order: a removed metric answers its own error, an unknown
 * one `metric[i] must be one of …`. Duplicates count once.
 */
export function readMetrics<M extends string>(
  raw: string[] | undefined,
  known: readonly M[],
  removed: (metric: string) => GraphErrorSpec | undefined,
): M[] {
  if (!raw) throw new GraphError(requiredParameter('metric'));
  raw.forEach((metric, index) => {
    const error =
      removed(metric) ?? (isOneOf(known, metric) ? undefined : metricNotOneOf(index, known));
    if (error) throw new GraphError(error);
  });
  return [...new Set(raw)] as M[];
}

/** At most one breakdown dimension, a known one. */
export function readBreakdown<B extends string>(
  raw: string[] | undefined,
  known: readonly B[],
): B | undefined {
  if (!raw) return undefined;
  if (raw.length > 1) throw new GraphError(oneBreakdownOnly());
  const [breakdown = ''] = raw;
  if (!isOneOf(known, breakdown)) throw new GraphError(valueNotOneOf('breakdown[0]', known));
  return breakdown;
}
