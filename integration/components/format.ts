/**
 * Dates as people read them: in the event's own time zone (or the one given), whatever the
 * reader's is. The galleries and the admin pages share these.
 */

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
  locale = 'en-GB',
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const format = new Intl.DateTimeFormat(locale, { timeZone, ...options });
  cache.set(key, format);
  return format;
}

const DAY: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
};
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const ZONE: Intl.DateTimeFormatOptions = { timeZoneName: 'short' };
const SHORT_DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const LONG_DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };

/** "Saturday, 28 March 2026, 21:00 – Sunday, 29 March 2026, 04:00 (CEST)"; on one day, "…, 18:00 – 23:30 (CEST)". The zone is named as at the end. */
export function formatEventWhen(startUtc: string, endUtc: string, timeZone: string): string {
  const start = new Date(startUtc);
  const end = new Date(endUtc);
  const day = formatter(timeZone, DAY);
  const time = formatter(timeZone, TIME);
  const sameDay = day.format(start) === day.format(end);
  const endText = sameDay ? time.format(end) : `${day.format(end)}, ${time.format(end)}`;
  return `${day.format(start)}, ${time.format(start)} – ${endText} (${zoneName(end, timeZone)})`;
}

/** "21:40" in the event's zone; with `withZone`, "21:40 CET". */
export function formatTime(iso: string, timeZone: string, withZone = false): string {
  const date = new Date(iso);
  const text = formatter(timeZone, TIME).format(date);
  return withZone ? `${text} ${zoneName(date, timeZone)}` : text;
}

/** "29 Apr 2026" in the given zone. */
export function formatDay(iso: string, timeZone: string): string {
  return formatter(timeZone, SHORT_DAY).format(new Date(iso));
}

/** "29 Apr 2026, 21:40" in the given zone; with `withZone`, "29 Apr 2026, 21:40 CEST". */
export function formatDayTime(iso: string, timeZone: string, withZone = false): string {
  return `${formatDay(iso, timeZone)}, ${formatTime(iso, timeZone, withZone)}`;
}

/** "5 February 2027" in the given zone: a date in a sentence. */
export function formatLongDay(iso: string, timeZone: string): string {
  return formatter(timeZone, LONG_DAY).format(new Date(iso));
}

/** The local date-time for a machine-readable <time datetime>. */
export function isoInstant(iso: string): string {
  return new Date(iso).toISOString();
}

function zoneName(date: Date, timeZone: string): string {
  return (
    formatter(timeZone, ZONE)
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  );
}
