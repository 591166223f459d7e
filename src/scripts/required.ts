/** What the page always renders (an element, a data attribute): its absence is a bug in the page. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`The page has no ${what}.`);
  return value;
}
