import { describe, expect, it } from 'vitest';
import {
  formatDay,
  formatDayTime,
  formatEventWhen,
  formatLongDay,
  formatTime,
  isoInstant,
} from '../../integration/components/format.ts';

describe('formatTime', () => {
  it('writes the time in the event zone, not the reader zone', () => {
    expect(formatTime('2026-01-10T20:40:00Z', 'Europe/Berlin')).toBe('21:40');
    expect(formatTime('2026-07-10T20:40:00Z', 'Europe/Berlin')).toBe('22:40');
    expect(formatTime('2026-07-10T20:40:00Z', 'America/New_York')).toBe('16:40');
    expect(formatTime('2026-07-10T20:40:00Z', 'Asia/Kolkata')).toBe('02:10');
  });

  it('uses a 24-hour clock with two-digit hours', () => {
    expect(formatTime('2026-01-10T23:05:00Z', 'Europe/Berlin')).toBe('00:05');
    expect(formatTime('2026-01-10T08:05:00Z', 'Europe/Berlin')).toBe('09:05');
  });

  it('adds the zone abbreviation on request, CET in winter and CEST in summer', () => {
    expect(formatTime('2026-01-10T20:40:00Z', 'Europe/Berlin', true)).toBe('21:40 CET');
    expect(formatTime('2026-07-10T20:40:00Z', 'Europe/Berlin', true)).toBe('22:40 CEST');
    expect(formatTime('2026-07-10T20:40:00Z', 'Europe/London', true)).toBe('21:40 BST');
  });

  it('tells the two 02:30s of the fall-back night apart by their zone', () => {
    expect(formatTime('2026-10-25T00:30:00Z', 'Europe/Berlin', true)).toBe('02:30 CEST');
    expect(formatTime('2026-10-25T01:30:00Z', 'Europe/Berlin', true)).toBe('02:30 CET');
  });
});

describe('formatEventWhen', () => {
  it('writes an event on one day with the day once', () => {
    expect(
      formatEventWhen('2026-12-05T15:00:00Z', '2026-12-05T21:00:00Z', 'Europe/Berlin'),
    ).toMatch(/^Saturday,? 5 December 2026, 16:00 – 22:00 \(CET\)$/);
  });

  it('writes both days for an event that ends after midnight in its zone', () => {
    expect(
      formatEventWhen('2026-06-20T20:00:00Z', '2026-06-21T00:30:00Z', 'Europe/Berlin'),
    ).toMatch(/^Saturday,? 20 June 2026, 22:00 – Sunday,? 21 June 2026, 02:30 \(CEST\)$/);
  });

  it('decides "same day" in the event zone: one UTC day can be two local days', () => {
    // 20:00Z–23:30Z on 29 April is 22:00 CEST on the 29th to 01:30 CEST on the 30th.
    expect(
      formatEventWhen('2026-04-29T20:00:00Z', '2026-04-29T23:30:00Z', 'Europe/Berlin'),
    ).toMatch(/^Wednesday,? 29 April 2026, 22:00 – Thursday,? 30 April 2026, 01:30 \(CEST\)$/);
  });

  it('writes an event across the fall-back night with the local end time', () => {
    expect(
      formatEventWhen('2026-10-24T18:00:00Z', '2026-10-25T02:30:00Z', 'Europe/Berlin'),
    ).toMatch(/^Saturday,? 24 October 2026, 20:00 – Sunday,? 25 October 2026, 03:30 \(CET\)$/);
  });

  it('writes a New York event in New York time', () => {
    expect(
      formatEventWhen('2026-05-01T14:00:00Z', '2026-05-01T22:00:00Z', 'America/New_York'),
    ).toMatch(/^Friday,? 1 May 2026, 10:00 – 18:00 \(GMT-4\)$/);
  });
});

describe('formatDay and isoInstant', () => {
  it('writes the day in the event zone', () => {
    expect(formatDay('2026-06-20T22:30:00Z', 'Europe/Berlin')).toBe('21 Jun 2026');
    expect(formatDay('2026-06-20T22:30:00Z', 'America/New_York')).toBe('20 Jun 2026');
  });

  it('writes a feed card day and time in the given zone, past midnight included', () => {
    expect(formatDayTime('2026-06-20T22:30:00Z', 'Europe/Berlin')).toBe('21 Jun 2026, 00:30');
    expect(formatDayTime('2026-06-20T22:30:00Z', 'UTC')).toBe('20 Jun 2026, 22:30');
  });

  it('names the zone after the time on request, as the admin pages show it', () => {
    expect(formatDayTime('2026-04-30T01:14:00Z', 'America/New_York', true)).toBe(
      '29 Apr 2026, 21:14 GMT-4',
    );
    expect(formatDayTime('2026-04-29T19:14:00Z', 'Europe/Berlin', true)).toBe(
      '29 Apr 2026, 21:14 CEST',
    );
    expect(formatDayTime('2026-04-29T19:14:00Z', 'UTC', true)).toBe('29 Apr 2026, 19:14 UTC');
  });

  it('writes a date for a sentence with the month in full, in the given zone', () => {
    expect(formatLongDay('2027-02-05T10:00:00Z', 'UTC')).toBe('5 February 2027');
    expect(formatLongDay('2027-02-05T23:30:00Z', 'UTC')).toBe('5 February 2027');
    expect(formatLongDay('2027-02-05T23:30:00Z', 'Europe/Berlin')).toBe('6 February 2027');
  });

  it('normalises any ISO time to a UTC instant', () => {
    expect(isoInstant('2026-04-29T20:00:00+02:00')).toBe('2026-04-29T18:00:00.000Z');
  });
});
