/** Graph's timestamp format: ISO-8601 UTC with a `+0000` offset and no milliseconds. */
export function formatGraphTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

const pacific = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  weekday: 'long',
  day: '2-digit',
  month: 'short',
  year: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

/** The date style of Graph's token errors: `Wednesday, 31-Dec-25 16:00:00 PST` (Meta's servers speak Pacific time). */
export function formatPacificTime(ms: number): string {
  const part = Object.fromEntries(
    pacific.formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
  );
  return `${part.weekday}, ${part.day}-${part.month}-${part.year} ${part.hour}:${part.minute}:${part.second} ${part.timeZoneName}`;
}

/** `since`/`until` accept unix seconds or a date string; NaN when neither. */
export function parseTimeParam(value: string): number {
  if (/^-?\d+$/.test(value.trim())) return Number(value) * 1000;
  return Date.parse(value);
}
