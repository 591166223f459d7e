import { describe, expect, it } from 'vitest';
import {
  formatInZone,
  isValidTimeZone,
  parseWallClock,
  wallClockToInstant,
  zoneOffsetMs,
} from '../../integration/events/time-zone.ts';

const HOUR = 3_600_000;
const iso = (wallClock: string, timeZone: string) =>
  new Date(wallClockToInstant(wallClock, timeZone)).toISOString();

describe('zone offsets', () => {
  it('gives Berlin +1 h in winter and +2 h in summer', () => {
    expect(zoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
  });

  it('switches Berlin to summer time exactly at 01:00 UTC on the last Sunday of March', () => {
    expect(zoneOffsetMs(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe(1 * HOUR);
    expect(zoneOffsetMs(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
  });

  it('gives negative offsets west of Greenwich', () => {
    expect(zoneOffsetMs(Date.parse('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), 'America/New_York')).toBe(-4 * HOUR);
  });

  it('gives half-hour offsets for India', () => {
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
  });

  it('ignores the milliseconds of the instant', () => {
    expect(zoneOffsetMs(Date.parse('2026-07-15T12:00:00.999Z'), 'Europe/Berlin')).toBe(2 * HOUR);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects misspelt ones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Europe/Berln')).toBe(false);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('wallClockToInstant in Europe/Berlin', () => {
  it('reads a winter time as CET (UTC+1)', () => {
    expect(iso('2026-01-10T21:00', 'Europe/Berlin')).toBe('2026-01-10T20:00:00.000Z');
  });

  it('reads a summer time as CEST (UTC+2)', () => {
    expect(iso('2026-04-29T18:00', 'Europe/Berlin')).toBe('2026-04-29T16:00:00.000Z');
  });

  it('moves a time in the spring-forward gap forward by the gap (02:30 becomes 03:30 CEST)', () => {
    expect(iso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(
      formatInZone(wallClockToInstant('2026-03-29T02:30', 'Europe/Berlin'), 'Europe/Berlin'),
    ).toBe('2026-03-29T03:30:00+02:00');
  });

  it('reads the times just around the spring-forward gap normally', () => {
    expect(iso('2026-03-29T01:59', 'Europe/Berlin')).toBe('2026-03-29T00:59:00.000Z');
    expect(iso('2026-03-29T03:00', 'Europe/Berlin')).toBe('2026-03-29T01:00:00.000Z');
  });

  it('reads a time repeated by the fall-back as its first occurrence (still CEST)', () => {
    expect(iso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('reads the time just after the repeated hour as CET', () => {
    expect(iso('2026-10-25T03:00', 'Europe/Berlin')).toBe('2026-10-25T02:00:00.000Z');
    expect(iso('2026-10-25T03:30', 'Europe/Berlin')).toBe('2026-10-25T02:30:00.000Z');
  });

  it('accepts seconds and a space instead of the T', () => {
    expect(iso('2026-04-29 18:00:45', 'Europe/Berlin')).toBe('2026-04-29T16:00:45.000Z');
  });
});

describe('wallClockToInstant in America/New_York', () => {
  it('moves 02:30 on the spring-forward day (2026-03-08) to 03:30 EDT', () => {
    expect(iso('2026-03-08T02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
  });

  it('reads 01:30 on the fall-back day (2026-11-01) as its first occurrence, in EDT', () => {
    expect(iso('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('reads 02:30 after the fall-back as EST', () => {
    expect(iso('2026-11-01T02:30', 'America/New_York')).toBe('2026-11-01T07:30:00.000Z');
  });
});

describe('wallClockToInstant in zones without or with unusual DST', () => {
  it('always reads Asia/Tokyo as UTC+9', () => {
    expect(iso('2026-01-10T09:00', 'Asia/Tokyo')).toBe('2026-01-10T00:00:00.000Z');
    expect(iso('2026-07-10T09:00', 'Asia/Tokyo')).toBe('2026-07-10T00:00:00.000Z');
  });

  it('reads Australia/Sydney as UTC+11 in January and UTC+10 in July', () => {
    expect(iso('2026-01-10T12:00', 'Australia/Sydney')).toBe('2026-01-10T01:00:00.000Z');
    expect(iso('2026-07-10T12:00', 'Australia/Sydney')).toBe('2026-07-10T02:00:00.000Z');
  });

  it('reads the repeated 02:30 at the end of Sydney summer time (2026-04-05) as AEDT', () => {
    expect(iso('2026-04-05T02:30', 'Australia/Sydney')).toBe('2026-04-04T15:30:00.000Z');
  });

  it('moves the skipped 02:30 at the start of Sydney summer time (2026-10-04) to 03:30 AEDT', () => {
    expect(iso('2026-10-04T02:30', 'Australia/Sydney')).toBe('2026-10-03T16:30:00.000Z');
  });

  it('reads Asia/Kolkata as UTC+5:30', () => {
    expect(iso('2026-04-29T21:30', 'Asia/Kolkata')).toBe('2026-04-29T16:00:00.000Z');
  });

  it('handles the half-hour DST change of Australia/Lord_Howe (repeated 01:45 is the first, UTC+11)', () => {
    expect(iso('2026-04-05T01:45', 'Australia/Lord_Howe')).toBe('2026-04-04T14:45:00.000Z');
  });
});

describe('wallClockToInstant with text that is not a local date-time', () => {
  it.each([
    ['2026-02-30T10:00', 'a day that does not exist'],
    ['2026-02-29T10:00', 'a leap day in a non-leap year'],
    ['2026-04-29T25:00', 'hour 25'],
    ['2026-04-29T24:00', 'hour 24'],
    ['2026-04-29T10:60', 'minute 60'],
    ['2026-04-29T18:00+02:00', 'an offset'],
    ['2026-04-29T18:00Z', 'a Z suffix'],
    ['2026-04-29', 'a date without time'],
    ['29.04.2026 18:00', 'a German date'],
    ['', 'nothing'],
  ])('throws a RangeError naming "%s" (%s)', (text) => {
    expect(() => wallClockToInstant(text, 'Europe/Berlin')).toThrow(RangeError);
    expect(() => wallClockToInstant(text, 'Europe/Berlin')).toThrow(
      `"${text}" is not a local date-time`,
    );
  });
});

describe('parseWallClock', () => {
  it('returns the wall-clock time as if it were UTC', () => {
    expect(parseWallClock('2026-04-29T18:00')).toBe(Date.UTC(2026, 3, 29, 18, 0));
    expect(parseWallClock('  2026-04-29T18:00:30  ')).toBe(Date.UTC(2026, 3, 29, 18, 0, 30));
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseWallClock('2024-02-29T10:00')).toBe(Date.UTC(2024, 1, 29, 10, 0));
  });

  it('rejects 2026-02-30 and 25:00 instead of rolling them over', () => {
    expect(parseWallClock('2026-02-30T10:00')).toBeUndefined();
    expect(parseWallClock('2026-04-29T25:00')).toBeUndefined();
  });

  it('rejects month 13 instead of rolling it over into the next year', () => {
    expect(parseWallClock('2026-13-01T10:00')).toBeUndefined();
  });

  it('rejects month 00 instead of rolling it back into the previous year', () => {
    expect(parseWallClock('2026-00-10T10:00')).toBeUndefined();
  });

  it('rejects second 60 and above instead of rolling them into the next minute', () => {
    expect(parseWallClock('2026-04-29T10:00:75')).toBeUndefined();
    expect(parseWallClock('2026-04-29T10:00:60')).toBeUndefined();
  });
});

describe('formatInZone', () => {
  it('writes an instant in the zone with its offset', () => {
    expect(formatInZone(Date.parse('2026-04-29T16:00:00Z'), 'Europe/Berlin')).toBe(
      '2026-04-29T18:00:00+02:00',
    );
    expect(formatInZone(Date.parse('2026-01-10T20:00:00Z'), 'Europe/Berlin')).toBe(
      '2026-01-10T21:00:00+01:00',
    );
  });

  it('writes negative and non-whole-hour offsets', () => {
    expect(formatInZone(Date.parse('2026-04-29T16:00:00Z'), 'America/New_York')).toBe(
      '2026-04-29T12:00:00-04:00',
    );
    expect(formatInZone(Date.parse('2026-04-29T16:00:00Z'), 'Asia/Kolkata')).toBe(
      '2026-04-29T21:30:00+05:30',
    );
    expect(formatInZone(Date.parse('2026-04-29T16:00:00Z'), 'Asia/Kathmandu')).toBe(
      '2026-04-29T21:45:00+05:45',
    );
    expect(formatInZone(Date.parse('2026-04-29T16:00:00Z'), 'America/St_Johns')).toBe(
      '2026-04-29T13:30:00-02:30',
    );
  });

  it('writes UTC as +00:00', () => {
    expect(formatInZone(Date.parse('2026-04-29T16:00:00Z'), 'UTC')).toBe(
      '2026-04-29T16:00:00+00:00',
    );
  });

  it('tells the two occurrences of the repeated fall-back hour apart by their offsets', () => {
    expect(formatInZone(Date.parse('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe(
      '2026-10-25T02:30:00+02:00',
    );
    expect(formatInZone(Date.parse('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe(
      '2026-10-25T02:30:00+01:00',
    );
  });

  it.each([
    ['2026-01-10T21:00:00', 'Europe/Berlin'],
    ['2026-07-01T12:34:56', 'Europe/Berlin'],
    ['2026-11-01T01:30:00', 'America/New_York'],
    ['2026-07-10T09:00:00', 'Asia/Tokyo'],
    ['2026-10-04T01:59:00', 'Australia/Sydney'],
    ['2026-12-31T23:59:59', 'Asia/Kolkata'],
  ])('round-trips %s in %s through wallClockToInstant', (wallClock, timeZone) => {
    const text = formatInZone(wallClockToInstant(wallClock, timeZone), timeZone);
    expect(text.slice(0, 19)).toBe(wallClock);
    expect(Date.parse(text)).toBe(wallClockToInstant(wallClock, timeZone));
  });
});
