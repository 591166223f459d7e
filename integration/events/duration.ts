const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
const DURATION = /^(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?$/;

/**
 * Parses the margins of event windows: "90m", "2h", "1d", "1h30m", or a number of minutes.
 * Returns undefined for anything else so callers can name the field in their error.
 */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 ? value * UNIT_MS.m : undefined;
  const text = value.trim().toLowerCase();
  if (text === '0') return 0;
  const m = DURATION.exec(text);
  if (!m || text === '') return undefined;
  const [, d = '0', h = '0', min = '0'] = m;
  return +d * UNIT_MS.d + +h * UNIT_MS.h + +min * UNIT_MS.m;
}
