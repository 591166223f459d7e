import type { BreakdownShares } from './insights-metrics.ts';

/** `total_value` with one breakdown, the shape of Graph's examples. */
export interface BreakdownValue {
  value: number;
  breakdowns: {
    dimension_keys: string[];
    results: { dimension_values: string[]; value: number }[];
  }[];
}

/** Splits a total over a dimension's values by their shares (largest remainder), leaving out zeros. */
export function breakdownValue(
  total: number,
  dimension: string,
  shares: BreakdownShares,
): BreakdownValue {
  const results = splitTotal(total, shares)
    .filter(([, value]) => value > 0)
    .map(([name, value]) => ({ dimension_values: [name], value }));
  return { value: total, breakdowns: [{ dimension_keys: [dimension], results }] };
}

function splitTotal(total: number, shares: BreakdownShares): [string, number][] {
  const weights = shares.reduce((sum, [, weight]) => sum + weight, 0);
  const exact = shares.map(([name, weight]) => ({ name, exact: (total * weight) / weights }));
  const parts = exact.map(
    ({ name, exact: value }) => [name, Math.floor(value)] as [string, number],
  );
  let left = total - parts.reduce((sum, [, value]) => sum + value, 0);
  // The units left over go to the largest fractions; ties to the earlier value.
  const byFraction = exact
    .map((part, i) => ({ i, fraction: part.exact % 1 }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (const { i } of byFraction) {
    if (left <= 0) break;
    (parts[i] as [string, number])[1] += 1;
    left -= 1;
  }
  return parts;
}
