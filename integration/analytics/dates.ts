import { wallClockToInstant } from '../events/time-zone.ts';

const DAY_MS = 86_400_000;
/** The most Instagram takes between `since` and `until` of one account-insights request. */
export const MAX_SPAN_SECONDS = 30 * 86_400;

export interface LocalParts {
  date: string; // YYYY-MM-DD
  month: string; // YYYY-MM
  /** Monday = 0 … Sunday = 6. */
  weekday: number;
  hour: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The calendar date, weekday and hour of an instant in a time zone. */
export function localParts(instantMs: number, timeZone: string): LocalParts {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(
    format.formatToParts(instantMs).map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    month: `${parts.year}-${parts.month}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    hour: Number(parts.hour),
  };
}

/** The instant a local date starts in a time zone. */
export function startOfDay(date: string, timeZone: string): number {
  return wallClockToInstant(`${date}T00:00`, timeZone);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Every date from `since` to `until`, both included. */
export function datesBetween(since: string, until: string): string[] {
  const dates: string[] = [];
  for (let date = since; date <= until; date = addDays(date, 1)) dates.push(date);
  return dates;
}

export function daysBetween(since: string, until: string): number {
  return (
    Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${since}T00:00:00Z`)) / DAY_MS) + 1
  );
}

/** [since, until) in unix seconds cut into spans of at most 30 days, end to end. */
export function thirtyDayChunks(
  sinceSeconds: number,
  untilSeconds: number,
): { since: number; until: number }[] {
  const chunks: { since: number; until: number }[] = [];
  for (let start = sinceSeconds; start < untilSeconds; start += MAX_SPAN_SECONDS) {
    chunks.push({ since: start, until: Math.min(start + MAX_SPAN_SECONDS, untilSeconds) });
  }
  return chunks;
}

/** Instagram's day of a daily value: it ends at `end_time` (US-Pacific midnight). */
export function instagramDay(endTime: string): string {
  const end = Date.parse(endTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return localParts(end - 1, 'America/Los_Angeles').date;
}

/** Graph's `2026-04-29T18:22:41+0000` as milliseconds. */
export function graphTime(timestamp: string): number {
  return Date.parse(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}
