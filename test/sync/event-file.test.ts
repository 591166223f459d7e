import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EventFileError,
  parseEventFile,
  type WindowDefaults,
} from '../../integration/events/event-file.ts';
import { loadEvents } from '../../integration/events/events.ts';

const DEFAULTS: WindowDefaults = { before: '1h', after: '12h' };
const FILE = 'content/events/summer-party.yaml';
const ID = 'summer-party';
const VALID = [
  'title: Summer Party',
  'timezone: Europe/Berlin',
  'start: 2026-04-29T18:00',
  'end: 2026-04-29T23:00',
];

/** The four required lines, with some replaced (`key: null` drops the line) and extra lines appended. */
function yaml(overrides: Record<string, string | null> = {}, ...extra: string[]): string {
  const lines = VALID.flatMap((line) => {
    const key = line.slice(0, line.indexOf(':'));
    if (!(key in overrides)) return [line];
    return overrides[key] === null ? [] : [`${key}: ${overrides[key]}`];
  });
  return `${[...lines, ...extra].join('\n')}\n`;
}

function errorOf(source: string, file = FILE, idFromName = ID): EventFileError {
  try {
    parseEventFile(source, file, idFromName, DEFAULTS);
  } catch (error) {
    expect(error).toBeInstanceOf(EventFileError);
    return error as EventFileError;
  }
  throw new Error('expected parseEventFile to throw');
}

const HASH =
  'scrypt$16384$8$1$pmvAfTO3HOdIW1JzbBVJLA==$/SoixPgT3XvMaSTUlF2B/xlQjpDV3+VhB7rFH1B3IiU=';

describe('parseEventFile with a valid file', () => {
  it('reads a private event with its password hash', () => {
    const event = parseEventFile(
      yaml({}, 'visibility: private', `password_hash: ${HASH}`),
      FILE,
      ID,
      DEFAULTS,
    );
    expect(event).toMatchObject({ visibility: 'private', passwordHash: HASH });
  });

  it('resolves local times to instants in the event zone and applies the default window', () => {
    expect(parseEventFile(yaml(), FILE, ID, DEFAULTS)).toEqual({
      id: 'summer-party',
      title: 'Summer Party',
      timezone: 'Europe/Berlin',
      start: '2026-04-29T18:00',
      end: '2026-04-29T23:00',
      startUtc: '2026-04-29T16:00:00.000Z',
      endUtc: '2026-04-29T21:00:00.000Z',
      window: {
        fromUtc: '2026-04-29T15:00:00.000Z',
        toUtc: '2026-04-30T09:00:00.000Z',
        beforeMs: 3_600_000,
        afterMs: 43_200_000,
      },
      hashtags: [],
      visibility: 'public',
      uploads: { enabled: false },
    });
  });

  it('takes its id from the file name', () => {
    expect(
      parseEventFile(yaml(), 'content/events/2026-04-29.yaml', '2026-04-29', DEFAULTS).id,
    ).toBe('2026-04-29');
  });

  it('accepts an id field that equals the file name', () => {
    expect(parseEventFile(yaml({}, 'id: summer-party'), FILE, ID, DEFAULTS).id).toBe(
      'summer-party',
    );
  });

  it('leaves optional fields out instead of setting them to undefined', () => {
    const event = parseEventFile(yaml(), FILE, ID, DEFAULTS);
    for (const key of ['description', 'location', 'account', 'cover'])
      expect(event).not.toHaveProperty(key);
    expect(event.uploads).not.toHaveProperty('untilUtc');
  });

  it('keeps every optional field and resolves uploads.until in the event zone', () => {
    const event = parseEventFile(
      yaml(
        {},
        'description: Rooftop drinks',
        'location: Klunkerkranich',
        'account: "@brand"',
        'visibility: unlisted',
        'uploads: { enabled: true, until: 2026-05-06T23:59 }',
        'cover: cover.jpg',
      ),
      FILE,
      ID,
      DEFAULTS,
    );
    expect(event).toMatchObject({
      description: 'Rooftop drinks',
      location: 'Klunkerkranich',
      account: '@brand',
      visibility: 'unlisted',
      uploads: { enabled: true, untilUtc: '2026-05-06T21:59:00.000Z' },
      cover: 'cover.jpg',
    });
  });

  it('leaves uploads disabled when only a closing time is given', () => {
    const event = parseEventFile(
      yaml({}, 'uploads: { until: 2026-05-06T23:59 }'),
      FILE,
      ID,
      DEFAULTS,
    );
    expect(event.uploads).toEqual({ enabled: false, untilUtc: '2026-05-06T21:59:00.000Z' });
  });

  it('normalises hashtags from a list: "#" stripped, lower-cased, blanks dropped', () => {
    const event = parseEventFile(
      yaml({}, 'hashtags: ["#SummerFest", Berlin, "  "]'),
      FILE,
      ID,
      DEFAULTS,
    );
    expect(event.hashtags).toEqual(['summerfest', 'berlin']);
  });

  it('accepts a single hashtag as a string', () => {
    expect(
      parseEventFile(yaml({}, 'hashtags: "#SummerFest"'), FILE, ID, DEFAULTS).hashtags,
    ).toEqual(['summerfest']);
  });

  it('lets the event window override both default margins', () => {
    const event = parseEventFile(
      yaml({}, 'window: { before: 30m, after: 90 }'),
      FILE,
      ID,
      DEFAULTS,
    );
    expect(event.window).toEqual({
      fromUtc: '2026-04-29T15:30:00.000Z',
      toUtc: '2026-04-29T22:30:00.000Z',
      beforeMs: 1_800_000,
      afterMs: 5_400_000,
    });
  });

  it('takes a margin the event window leaves out from the defaults', () => {
    const event = parseEventFile(yaml({}, 'window: { after: 0 }'), FILE, ID, {
      before: '2h',
      after: '1d',
    });
    expect(event.window).toMatchObject({
      fromUtc: '2026-04-29T14:00:00.000Z',
      toUtc: '2026-04-29T21:00:00.000Z',
    });
  });

  it('uses numeric default margins as minutes', () => {
    const event = parseEventFile(yaml(), FILE, ID, { before: 15, after: 45 });
    expect(event.window).toMatchObject({ beforeMs: 900_000, afterMs: 2_700_000 });
  });

  it('accepts a space instead of the T in local times', () => {
    const event = parseEventFile(yaml({ start: '"2026-04-29 18:00"' }), FILE, ID, DEFAULTS);
    expect(event.startUtc).toBe('2026-04-29T16:00:00.000Z');
  });

  it('counts the extra fall-back hour in an event spanning it', () => {
    const event = parseEventFile(
      yaml({ start: '2026-10-24T20:00', end: '2026-10-25T03:30' }),
      FILE,
      ID,
      DEFAULTS,
    );
    expect(event.startUtc).toBe('2026-10-24T18:00:00.000Z');
    expect(event.endUtc).toBe('2026-10-25T02:30:00.000Z');
  });
});

describe('parseEventFile errors name the file, the field and the fix', () => {
  it('for a missing title', () => {
    const error = errorOf(yaml({ title: null }));
    expect(error.file).toBe(FILE);
    expect(error.field).toBe('title');
    expect(error.message).toBe(
      'content/events/summer-party.yaml: field `title` is required: the gallery page heading.',
    );
  });

  it('for an empty title', () => {
    const error = errorOf(yaml({ title: '""' }));
    expect(error.field).toBe('title');
    expect(error.message).toContain('must not be empty');
  });

  it('for a misspelt time zone', () => {
    const error = errorOf(yaml({ timezone: 'Europe/Berln' }));
    expect(error.field).toBe('timezone');
    expect(error.message).toMatch(
      /^content\/events\/summer-party\.yaml: field `timezone` is not an IANA time zone\./,
    );
    expect(error.message).toContain('"Europe/Berlin"');
  });

  it('for a missing time zone', () => {
    const error = errorOf(yaml({ timezone: null }));
    expect(error.field).toBe('timezone');
    expect(error.message).toContain('is required: an IANA zone like "Europe/Berlin"');
  });

  it('for a start that is not a real date', () => {
    const error = errorOf(yaml({ start: '2026-04-31T18:00' }));
    expect(error.field).toBe('start');
    expect(error.message).toContain(FILE);
    expect(error.message).toContain('Write a local date-time like 2026-04-29T18:00');
  });

  it('for a start written with an offset', () => {
    const error = errorOf(yaml({ start: '2026-04-29T18:00+02:00' }));
    expect(error.field).toBe('start');
    expect(error.message).toContain('no offset: the timezone field gives it');
  });

  it('for a missing end', () => {
    const error = errorOf(yaml({ end: null }));
    expect(error.field).toBe('end');
    expect(error.message).toContain('must be a local date-time');
  });

  it('for an end before the start', () => {
    const error = errorOf(yaml({ end: '2026-04-29T17:00' }));
    expect(error.field).toBe('end');
    expect(error.message).toBe(
      'content/events/summer-party.yaml: field `end` (2026-04-29T17:00) must be after start (2026-04-29T18:00).',
    );
  });

  it('for an end equal to the start', () => {
    expect(errorOf(yaml({ end: '2026-04-29T18:00' })).field).toBe('end');
  });

  it('for an end that is only after the start on the wall clock, in the repeated fall-back hour', () => {
    // 02:45 (first occurrence, CEST) → 02:15 is earlier on the wall clock as well: still rejected.
    expect(errorOf(yaml({ start: '2026-10-25T02:45', end: '2026-10-25T02:15' })).field).toBe('end');
  });

  it('for an unknown key, naming the key', () => {
    const error = errorOf(yaml({}, 'colour: red'));
    expect(error.message).toBe(
      'content/events/summer-party.yaml: has unknown keys "colour". Remove or rename them (see the event file format in docs/events.md).',
    );
  });

  it('for an unknown key inside window', () => {
    const error = errorOf(yaml({}, 'window: { befor: 1h }'));
    expect(error.field).toBe('window');
    expect(error.message).toContain('has unknown keys "befor"');
  });

  it('for an unknown visibility', () => {
    const error = errorOf(yaml({}, 'visibility: secret'));
    expect(error.field).toBe('visibility');
    expect(error.message).toBe(
      'content/events/summer-party.yaml: field `visibility` must be "public", "unlisted" or "private".',
    );
  });

  it('for a password written in the clear instead of its hash', () => {
    const error = errorOf(yaml({}, 'visibility: private', 'password_hash: hunter2hunter2'));
    expect(error.field).toBe('password_hash');
    expect(error.message).toContain('never the password itself');
    expect(error.message).toContain('npm run ig -- admin hash-password');
  });

  it('for a password on an event that is not private', () => {
    const error = errorOf(yaml({}, `password_hash: ${HASH}`));
    expect(error.field).toBe('password_hash');
    expect(error.message).toContain('only for private events');
  });

  it('for a window margin that is not a duration', () => {
    const error = errorOf(yaml({}, 'window: { before: soon }'));
    expect(error.field).toBe('window.before');
    expect(error.message).toContain('must be a duration like "30m", "2h", "1d" or "1h30m".');
  });

  it('for a negative window margin', () => {
    expect(errorOf(yaml({}, 'window: { after: -30 }')).field).toBe('window.after');
  });

  it('for an uploads closing time that is not a local date-time', () => {
    expect(errorOf(yaml({}, 'uploads: { enabled: true, until: 2026-05-06T25:00 }')).field).toBe(
      'uploads.until',
    );
  });

  it('for uploads.enabled that is not a boolean', () => {
    expect(errorOf(yaml({}, 'uploads: { enabled: "maybe" }')).field).toBe('uploads.enabled');
  });

  it('for an id field that differs from the file name', () => {
    const error = errorOf(yaml({}, 'id: winter-party'));
    expect(error.field).toBe('id');
    expect(error.message).toBe(
      'content/events/summer-party.yaml: field `id` "winter-party" differs from the file name "summer-party". Rename the file or remove the field.',
    );
  });

  it('for a file name that is not a valid id', () => {
    const error = errorOf(yaml(), 'content/events/Summer Party.yaml', 'Summer Party');
    expect(error.file).toBe('content/events/Summer Party.yaml');
    expect(error.field).toBe('id');
    expect(error.message).toContain('may only contain a-z, 0-9 and "-". Rename the file');
  });

  it('for invalid YAML', () => {
    const error = errorOf('title: [unclosed\n');
    expect(error.field).toBeUndefined();
    expect(error.message).toMatch(/^content\/events\/summer-party\.yaml: is not valid YAML: /);
  });

  it('for a duplicated key (invalid YAML)', () => {
    expect(errorOf(yaml({}, 'title: Again')).message).toContain('is not valid YAML');
  });

  it.each([
    ['a list', '- title\n- start\n'],
    ['a plain string', 'Summer Party\n'],
    ['an empty file', ''],
  ])('for %s instead of a mapping', (_, source) => {
    const error = errorOf(source);
    expect(error.message).toBe(
      'content/events/summer-party.yaml: must be a YAML mapping with at least title, timezone, start and end.',
    );
  });

  it('is an Error named EventFileError', () => {
    const error = errorOf(yaml({ title: null }));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EventFileError');
  });
});

describe('loadEvents', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  let temp: string | undefined;
  afterEach(async () => {
    if (temp) await rm(temp, { recursive: true, force: true });
    temp = undefined;
  });

  it('reads every .yaml and .yml file, newest first, ignoring other files', async () => {
    const events = await loadEvents(root, 'test/fixtures/events', DEFAULTS);
    expect(events.map((event) => event.id)).toEqual([
      '2026-08-15-late-summer',
      '2026-05-01-spring-fair',
      '2026-01-10-winter-gig',
    ]);
  });

  it('resolves each fixture in its own time zone', async () => {
    const events = await loadEvents(root, 'test/fixtures/events', DEFAULTS);
    const byId = Object.fromEntries(events.map((event) => [event.id, event]));
    expect(byId['2026-01-10-winter-gig']).toMatchObject({
      startUtc: '2026-01-10T19:00:00.000Z',
      endUtc: '2026-01-10T22:30:00.000Z',
      window: { fromUtc: '2026-01-10T18:00:00.000Z', toUtc: '2026-01-11T10:30:00.000Z' },
    });
    expect(byId['2026-05-01-spring-fair']).toMatchObject({
      startUtc: '2026-05-01T14:00:00.000Z',
      endUtc: '2026-05-01T22:00:00.000Z',
      window: { fromUtc: '2026-05-01T13:30:00.000Z', toUtc: '2026-05-02T00:00:00.000Z' },
      account: '@BrandNYC',
      hashtags: ['springfair', 'brooklyn'],
      visibility: 'unlisted',
      uploads: { enabled: true, untilUtc: '2026-05-09T03:59:00.000Z' },
      cover: 'cover.jpg',
    });
    expect(byId['2026-08-15-late-summer']).toMatchObject({
      startUtc: '2026-08-15T10:00:00.000Z',
      endUtc: '2026-08-15T16:00:00.000Z',
      hashtags: ['latesummer'],
    });
  });

  it('returns no events when the folder does not exist', async () => {
    await expect(loadEvents(root, 'test/fixtures/no-such-folder', DEFAULTS)).resolves.toEqual([]);
  });

  it('rejects with an error naming the bad file by its path under the events folder', async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'events-'));
    await mkdir(path.join(temp, 'content', 'events'), { recursive: true });
    await writeFile(path.join(temp, 'content', 'events', 'good.yaml'), yaml());
    await writeFile(
      path.join(temp, 'content', 'events', 'bad.yaml'),
      yaml({ timezone: 'Europe/Berln' }),
    );
    const error = await loadEvents(temp, 'content/events', DEFAULTS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventFileError);
    expect((error as EventFileError).file).toBe('content/events/bad.yaml');
    expect((error as EventFileError).message).toMatch(
      /^content\/events\/bad\.yaml: field `timezone`/,
    );
    expect((error as EventFileError).field).toBe('timezone');
  });

  it('takes the id from the file name without its extension', async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'events-'));
    await writeFile(path.join(temp, 'summer-party.YML'), yaml());
    const events = await loadEvents(temp, '.', DEFAULTS);
    expect(events.map((event) => event.id)).toEqual(['summer-party']);
  });
});
