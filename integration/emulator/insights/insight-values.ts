/** Derives one metric from the others' values (each given or derived in turn). */
export type Formula<M extends string> = (value: (metric: M) => number) => number;
export type Formulas<M extends string> = Partial<Record<M, Formula<M>>>;

/** What a seed says about a metric: a number, `null` for "data missing", or nothing (derive it). */
export type GivenValues<M extends string> = Partial<Record<M, number | null>>;

/**
 * A metric's answer: the given number; undefined (left out) when given as null, or when it is not
 * given and there are no formulas. Formulas read the other metrics the same way, except that a
 * metric given as null still feeds them its derived value.
 */
export function insightValues<M extends string>(
  given: GivenValues<M>,
  formulas?: Formulas<M>,
): (metric: M) => number | undefined {
  const value = (metric: M): number => given[metric] ?? formulas?.[metric]?.(value) ?? 0;
  return (metric) => {
    if (given[metric] === null) return undefined;
    if (given[metric] !== undefined || formulas?.[metric]) return value(metric);
    return undefined;
  };
}
