/** The paper sizes a QR poster prints on: `@page size` values and their names on the page. */
export const PAPERS = {
  a4: { label: 'A4 (210 × 297 mm)', css: 'A4' },
  letter: { label: 'US Letter (8.5 × 11 in)', css: 'letter' },
} as const;

export type Paper = keyof typeof PAPERS;

/** Why `value` is not a paper size of PAPERS (empty means the default, A4), or undefined. */
export function paperProblem(value: string): string | undefined {
  return value === '' || Object.hasOwn(PAPERS, value)
    ? undefined
    : `expected ${Object.keys(PAPERS).join(' or ')}.`;
}
