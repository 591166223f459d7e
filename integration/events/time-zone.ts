/**
 * Wall-clock ↔ instant conversion for IANA time zones, using only Intl.
 *
 * Event files give local wall-clock times ("2026-10-25T02:30" in Europe/Berlin). Around DST
 * changes a wall-clock time can happen twice (fall back) or not at all (spring forward). We
 * resolve both like Temporal's `disambiguation: 'compatible'`: a repeated time means its first
 * occurrence, a skipped time is moved forward by the length of the gap.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `instantMs`, in milliseconds (Berlin in summer: +7_200_000). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const parts = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

export function parseWallClock(text: string): number | undefined {
  const m = WALL_CLOCK.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((s) => Number(s ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1000) return undefined; // Date.UTC would read 0099 as 1999
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Reject 2026-13-01, 2026-02-30, 25:00 and :60 rather than silently rolling them over.
  const exact =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    check.getUTCHours() === hour &&
    check.getUTCMinutes() === minute &&
    check.getUTCSeconds() === second;
  return exact ? ms : undefined;
}

/** The instant (ms since epoch) of a local wall-clock time in `timeZone`. */
export function wallClockToInstant(wallClock: string, timeZone: string): number {
  const local = parseWallClock(wallClock);
  if (local === undefined)
    throw new RangeError(`"${wallClock}" is not a local date-time like 2026-04-29T18:00`);
  const DAY = 86_400_000;
  const offsetBefore = zoneOffsetMs(local - DAY, timeZone);
  const offsetAfter = zoneOffsetMs(local + DAY, timeZone);
  const candidates = [local - offsetBefore, local - offsetAfter].filter(
    (instant) => instant + zoneOffsetMs(instant, timeZone) === local,
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return local - offsetBefore; // in a spring-forward gap: the same distance past the gap's start
}

/** "2026-04-29T18:00:00+02:00": an instant written in the zone's local time. */
export function formatInZone(instantMs: number, timeZone: string): string {
  const offset = zoneOffsetMs(instantMs, timeZone);
  const local = new Date(instantMs + offset).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset) / 60_000;
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
