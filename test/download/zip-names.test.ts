import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describedName,
  MAX_NAME_LENGTH,
  zipEntryNames,
} from '../../integration/download/zip-names.ts';

const SAFE = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Strings a guest could send as a file or uploader name, hostile parts much more often than chance. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc
    .array(
      fc.constantFrom(
        '..',
        '/',
        '\\',
        '.',
        ' ',
        '\0',
        '\n',
        '\u202e',
        'é',
        'ß',
        '😀',
        'CON',
        'a',
        'A',
        '.jpg',
        ':',
        '*',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join('')),
);

describe('zipEntryNames', () => {
  it('makes every name safe, capped and unique ignoring case, whatever it is given', () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 30 }), (wanted) => {
        const names = zipEntryNames(wanted);
        expect(names).toHaveLength(wanted.length);
        for (const name of names) {
          expect(name).toMatch(SAFE);
          expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
          expect(name).not.toContain('..');
          expect(name.endsWith('.')).toBe(false);
          expect(name.split('.')[0]).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i);
        }
        expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(names.length);
      }),
    );
  });

  it('keeps a plain name as it is and numbers its repeats, before the extension', () => {
    expect(zipEntryNames(['band.webp', 'Band.webp', 'band.webp', 'band-2.webp'])).toEqual([
      'band.webp',
      'Band-2.webp',
      'band-3.webp',
      'band-2-2.webp',
    ]);
  });

  it('cuts paths, hidden-file dots and accents out of a name', () => {
    expect(
      zipEntryNames(['../../etc/passwd', '.htaccess', 'Chloé à la fête.JPG', 'C:\\x\\nul.txt']),
    ).toEqual(['etc-passwd', 'htaccess', 'Chloe-a-la-fete.jpg', 'C-x-nul.txt']);
    expect(zipEntryNames(['', '...', 'nul.webp', 'con'])).toEqual([
      'file',
      'file-2',
      '_nul.webp',
      '_con',
    ]);
  });

  it('caps a long name and still numbers its repeats within the cap', () => {
    const long = `${'x'.repeat(300)}.webp`;
    const [first, second] = zipEntryNames([long, long]);
    expect(first).toBe(`${'x'.repeat(MAX_NAME_LENGTH - 5)}.webp`);
    expect(second).toBe(`${'x'.repeat(MAX_NAME_LENGTH - 7)}-2.webp`);
  });
});

describe('describedName', () => {
  it("starts with the local date and time in the event's zone, so names sort as the timeline", () => {
    const at = (iso: string) =>
      describedName({
        at: iso,
        timeZone: 'Europe/Berlin',
        by: 'Ana',
        name: 'doors',
        extension: 'webp',
      });
    expect(at('2026-04-29T19:05:09Z')).toBe('2026-04-29_21-05-09_Ana_doors.webp');
    const times = ['2026-04-29T21:59:00Z', '2026-04-29T22:00:00Z', '2026-04-30T08:00:00Z'];
    const names = zipEntryNames(times.map(at));
    expect([...names].sort()).toEqual(names);
  });
});
