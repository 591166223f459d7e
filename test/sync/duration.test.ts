import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../integration/events/duration.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('parseDuration', () => {
  it.each([
    ['90m', 90 * MINUTE],
    ['2h', 2 * HOUR],
    ['1d', DAY],
    ['1h30m', 90 * MINUTE],
    ['1d2h3m', DAY + 2 * HOUR + 3 * MINUTE],
    ['1d12h', 36 * HOUR],
    ['1h 30m', 90 * MINUTE],
    ['0m', 0],
    ['0', 0],
  ])('reads "%s" as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('ignores surrounding spaces and the case of the units', () => {
    expect(parseDuration('  2H ')).toBe(2 * HOUR);
    expect(parseDuration('1D30M')).toBe(DAY + 30 * MINUTE);
  });

  it('reads a number as minutes', () => {
    expect(parseDuration(45)).toBe(45 * MINUTE);
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration(1.5)).toBe(90_000);
  });

  it.each([[-5], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects the number %s', (value) => {
    expect(parseDuration(value)).toBeUndefined();
  });

  it.each(['', '   ', 'soon', '1.5h', '-1h', '30s', 'h', '1h1d', '30 m', '2 hours'])(
    'rejects "%s" so the caller can name the field',
    (text) => {
      expect(parseDuration(text)).toBeUndefined();
    },
  );
});
