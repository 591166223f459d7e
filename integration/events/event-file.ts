import { z } from 'astro/zod';
import { parse as parseYaml } from 'yaml';
import { parseDuration } from './duration.ts';
import { isValidTimeZone, parseWallClock, wallClockToInstant } from './time-zone.ts';
import { normalizeHashtag } from './hashtags.ts';

/** One event as the site uses it: local times as written, plus the resolved instants. */
export interface GalleryEvent {
  id: string;
  title: string;
  timezone: string;
  /** Local wall-clock times as written in the file, e.g. "2026-04-29T18:00". */
  start: string;
  end: string;
  startUtc: string;
  endUtc: string;
  /** The span in which Instagram posts belong to this event: start − before … end + after. */
  window: { fromUtc: string; toUtc: string; beforeMs: number; afterMs: number };
  description?: string;
  location?: string;
  account?: string;
  hashtags: string[];
  /** `private`: served on demand behind a password or a signed link, never built into static pages. */
  visibility: 'public' | 'unlisted' | 'private';
  /** A private event's password, as a scrypt hash (`npm run ig -- admin hash-password`); none: links only. */
  passwordHash?: string;
  uploads: { enabled: boolean; untilUtc?: string };
  cover?: string;
}

export interface WindowDefaults {
  before: string | number;
  after: string | number;
}

const WALL_CLOCK_HINT =
  'Write a local date-time like 2026-04-29T18:00 (no offset: the timezone field gives it).';

const wallClock = z
  .string({ error: `must be a local date-time. ${WALL_CLOCK_HINT}` })
  .refine((v) => parseWallClock(v) !== undefined, {
    error: `is not a valid local date-time. ${WALL_CLOCK_HINT}`,
  });

const duration = z.union([z.string(), z.number()]).refine((v) => parseDuration(v) !== undefined, {
  error: 'must be a duration like "30m", "2h", "1d" or "1h30m".',
});

const eventFileSchema = z
  .object({
    id: z.string().optional(),
    title: z
      .string({ error: 'is required: the gallery page heading.' })
      .min(1, { error: 'must not be empty.' }),
    timezone: z
      .string({ error: 'is required: an IANA zone like "Europe/Berlin".' })
      .refine(isValidTimeZone, {
        error: 'is not an IANA time zone. Use a name like "Europe/Berlin" or "America/New_York".',
      }),
    start: wallClock,
    end: wallClock,
    description: z.string().optional(),
    location: z.string().optional(),
    window: z.strictObject({ before: duration.optional(), after: duration.optional() }).optional(),
    account: z.string().min(1).optional(),
    hashtags: z.union([z.string(), z.array(z.string())]).optional(),
    visibility: z
      .enum(['public', 'unlisted', 'private'], {
        error: 'must be "public", "unlisted" or "private".',
      })
      .default('public'),
    password_hash: z
      .string()
      .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, {
        error:
          'must be a scrypt hash, never the password itself: make one with `npm run ig -- admin hash-password`.',
      })
      .optional(),
    uploads: z
      .strictObject({ enabled: z.boolean().default(false), until: wallClock.optional() })
      .default({ enabled: false }),
    cover: z.string().optional(),
  })
  .strict();

export const EVENT_ID = /^[a-z0-9][a-z0-9-]*$/;

/** A bad event file: the message names the file, the field and the fix. */
export class EventFileError extends Error {
  readonly file: string;
  readonly field: string | undefined;

  constructor(file: string, field: string | undefined, problem: string) {
    super(`${file}: ${field ? `field \`${field}\` ${problem}` : problem}`);
    this.name = 'EventFileError';
    this.file = file;
    this.field = field;
  }
}

/** Parses and validates one event file; `file` is the path shown in errors. */
export function parseEventFile(
  source: string,
  file: string,
  idFromName: string,
  defaults: WindowDefaults,
): GalleryEvent {
  const raw = readYaml(source, file);
  const result = eventFileSchema.safeParse(raw);
  if (!result.success) {
    const [issue] = result.error.issues;
    if (!issue) throw result.error;
    const field = issue.path.join('.') || undefined;
    const problem =
      issue.code === 'unrecognized_keys'
        ? `has unknown keys ${issue.keys.map((k) => `"${k}"`).join(', ')}. Remove or rename them (see the event file format in docs/events.md).`
        : issue.message;
    throw new EventFileError(file, field, problem);
  }
  return resolveEvent(result.data, file, idFromName, defaults);
}

function readYaml(source: string, file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = parseYaml(source);
  } catch (error) {
    throw new EventFileError(file, undefined, `is not valid YAML: ${(error as Error).message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new EventFileError(
      file,
      undefined,
      'must be a YAML mapping with at least title, timezone, start and end.',
    );
  }
  return raw as Record<string, unknown>;
}

type EventFile = z.infer<typeof eventFileSchema>;

function resolveEvent(
  data: EventFile,
  file: string,
  idFromName: string,
  defaults: WindowDefaults,
): GalleryEvent {
  const id = data.id ?? idFromName;
  if (!EVENT_ID.test(id)) {
    throw new EventFileError(
      file,
      'id',
      `"${id}" may only contain a-z, 0-9 and "-". Rename the file (the id defaults to its name).`,
    );
  }
  if (data.id !== undefined && data.id !== idFromName) {
    throw new EventFileError(
      file,
      'id',
      `"${data.id}" differs from the file name "${idFromName}". Rename the file or remove the field.`,
    );
  }
  const start = wallClockToInstant(data.start, data.timezone);
  const end = wallClockToInstant(data.end, data.timezone);
  if (end <= start)
    throw new EventFileError(file, 'end', `(${data.end}) must be after start (${data.start}).`);
  const beforeMs = parseDuration(data.window?.before ?? defaults.before);
  const afterMs = parseDuration(data.window?.after ?? defaults.after);
  if (beforeMs === undefined || afterMs === undefined)
    throw new EventFileError(file, 'window', 'must hold durations like "30m", "2h" or "1d".');
  if (data.password_hash !== undefined && data.visibility !== 'private')
    throw new EventFileError(
      file,
      'password_hash',
      'is only for private events: add `visibility: private` or remove the field.',
    );
  const hashtags = [data.hashtags ?? []].flat().map(normalizeHashtag).filter(Boolean);
  return {
    id,
    title: data.title,
    timezone: data.timezone,
    start: data.start,
    end: data.end,
    startUtc: new Date(start).toISOString(),
    endUtc: new Date(end).toISOString(),
    window: {
      fromUtc: new Date(start - beforeMs).toISOString(),
      toUtc: new Date(end + afterMs).toISOString(),
      beforeMs,
      afterMs,
    },
    ...(data.description !== undefined && { description: data.description }),
    ...(data.location !== undefined && { location: data.location }),
    ...(data.account !== undefined && { account: data.account }),
    hashtags,
    visibility: data.visibility,
    ...(data.password_hash !== undefined && { passwordHash: data.password_hash }),
    uploads: {
      enabled: data.uploads.enabled,
      ...(data.uploads.until && {
        untilUtc: new Date(wallClockToInstant(data.uploads.until, data.timezone)).toISOString(),
      }),
    },
    ...(data.cover !== undefined && { cover: data.cover }),
  };
}
