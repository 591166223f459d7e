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
const CARD_DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const DATE_KEY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };

/** The language of the reference site's pages (Base.astro's `<html lang>`). */
export const PAGE_LOCALE = 'en';

/**
 * "Saturday, 28 March 2026, 21:00 – Sunday, 29 March 2026, 04:00 (CEST)"; on one day,
 * "…, 18:00 – 23:30 (CEST)". The zone is named as at the end, by `zoneName`.
 */
export function formatEventWhen(
  startUtc: string,
  endUtc: string,
  timeZone: string,
  locale = PAGE_LOCALE,
): string {
  const start = new Date(startUtc);
  const end = new Date(endUtc);
  const day = formatter(timeZone, DAY);
  const time = formatter(timeZone, TIME);
  const sameDay = day.format(start) === day.format(end);
  const endText = sameDay ? time.format(end) : `${day.format(end)}, ${time.format(end)}`;
  return `${day.format(start)}, ${time.format(start)} – ${endText} (${zoneName(end, timeZone, locale)})`;
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

/** "Sat 2 May, 11:00" in the given zone: a gallery card on another day than the event's first. */
export function formatWeekdayTime(iso: string, timeZone: string): string {
  return `${formatter(timeZone, CARD_DAY).format(new Date(iso)).replace(',', '')}, ${formatTime(iso, timeZone)}`;
}

/** "Saturday 20 June 2026, 21:00 EDT": the whole instant, e.g. for a tooltip. */
export function formatFullTime(iso: string, timeZone: string, locale = PAGE_LOCALE): string {
  const date = new Date(iso);
  const day = formatter(timeZone, DAY).format(date).replace(',', '');
  return `${day}, ${formatter(timeZone, TIME).format(date)} ${zoneName(date, timeZone, locale)}`;
}

/** Whether two instants fall on the same calendar day in `timeZone`. */
export function sameLocalDay(a: string, b: string, timeZone: string): boolean {
  const key = formatter(timeZone, DATE_KEY);
  return key.format(new Date(a)) === key.format(new Date(b));
}

/** The local date-time for a machine-readable <time datetime>. */
export function isoInstant(iso: string): string {
  return new Date(iso).toISOString();
}

/**
 * English locales whose CLDR data name their own region's zones (en-US: EDT, PDT; en-GB: CEST,
 * BST, WEST; en-AU: AEST; en-IN: IST). Each gives "GMT+x" for the zones it has no name for.
 */
const ZONE_NAME_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN'];
const OFFSET_ONLY = /^(GMT|UTC)[+\-−]\d/;

/**
 * The zone as people abbreviate it at `date` (EDT, CEST, BST): Intl's short name in the page's
 * locale, else in the first of ZONE_NAME_LOCALES that has a name rather than an offset; when
 * none has one (Asia/Tokyo), the page locale's offset form ("GMT+9").
 */
export function zoneName(date: Date, timeZone: string, locale = PAGE_LOCALE): string {
  const own = shortZone(date, timeZone, locale);
  if (!OFFSET_ONLY.test(own)) return own;
  const named = ZONE_NAME_LOCALES.map((other) => shortZone(date, timeZone, other)).find(
    (name) => !OFFSET_ONLY.test(name),
  );
  return named ?? own;
}

function shortZone(date: Date, timeZone: string, locale: string): string {
  return (
    formatter(timeZone, ZONE, locale)
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  );
}
