import { z } from 'astro/zod';
import { parseDuration } from './events/duration.ts';
import { processEnv, type Env } from './shared/env.ts';

const DEFAULT_GRAPH_BASE = 'https://graph.instagram.com/v26.0';
const DEFAULT_FACEBOOK_GRAPH_BASE = 'https://graph.facebook.com/v26.0';
/** Each feed post is downloaded and its images encoded at every build, so the feed stays bounded. */
const MAX_FEED_POSTS = 500;
const FEED_POSTS_ERROR = `must be a whole number from 0 to ${MAX_FEED_POSTS}: how many of each account's newest posts to keep for <InstagramFeed> (0 keeps none).`;

/**
 * Documents an option for the options table of docs/configuration.md (scripts/options-table.ts):
 * what it does, its environment variable, and its default when resolveOptions (not the schema)
 * supplies it.
 */
const doc = <T extends z.ZodType>(
  schema: T,
  description: string,
  env?: string,
  shownDefault?: string,
): T => schema.meta({ description, ...(env && { env }), ...(shownDefault && { shownDefault }) });

const s3Schema = z.strictObject({
  source: doc(
    z.literal('s3'),
    'Guest photos in an S3-compatible bucket (chosen without `source` by a bucket or another S3 option, or by S3_BUCKET).',
  ),
  bucket: doc(
    z
      .string({ error: 'is required for S3 guest photos: set S3_BUCKET or guestPhotos.bucket.' })
      .min(3, { error: 'must be an S3 bucket name of at least 3 characters (S3_BUCKET).' }),
    'The bucket.',
    'S3_BUCKET',
  ),
  prefix: doc(z.string().default(''), 'Key prefix of the event folders.', 'S3_PREFIX'),
  endpoint: doc(
    z
      .url({
        protocol: /^https?$/,
        error: 'must be a URL like http://localhost:9000 (S3_ENDPOINT).',
      })
      .optional(),
    'The S3 endpoint of a non-AWS service.',
    'S3_ENDPOINT',
  ),
  region: doc(z.string().default('us-east-1'), 'The region.', 'S3_REGION'),
  forcePathStyle: doc(
    z.boolean().default(false),
    'Path-style bucket URLs (MinIO and most local servers).',
    'S3_FORCE_PATH_STYLE',
  ),
  credentials: doc(
    z.strictObject({ accessKeyId: z.string(), secretAccessKey: z.string() }).optional(),
    'Keys; better left to the environment.',
    'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY',
  ),
});

const localSchema = z.strictObject({
  source: doc(
    z.literal('local'),
    'Guest photos in a folder of the project: the default, and what `dir` without `source` means.',
  ),
  dir: doc(
    z.string().default('content/guest-photos'),
    'The folder: one subfolder per event, each with a moderation.yaml (guest uploads are written here too).',
    'GUEST_PHOTOS_DIR',
  ),
});

const instagramSchema = z.strictObject({
  graphBase: doc(
    z.url({
      error:
        'must be the Graph API base URL with its version, e.g. https://graph.instagram.com/v26.0 (INSTAGRAM_GRAPH_BASE).',
    }),
    'Graph API base URL, version included; any Graph-compatible server, such as the bundled emulator.',
    'INSTAGRAM_GRAPH_BASE',
    DEFAULT_GRAPH_BASE,
  ),
  facebookGraphBase: doc(
    z.url({
      error:
        'must be the Facebook Graph API base URL with its version, e.g. https://graph.facebook.com/v26.0 (INSTAGRAM_FACEBOOK_GRAPH_BASE).',
    }),
    'Graph API base URL for accounts connected with Facebook Login, version included.',
    'INSTAGRAM_FACEBOOK_GRAPH_BASE',
    DEFAULT_FACEBOOK_GRAPH_BASE,
  ),
  accessToken: doc(
    z.string().min(1).optional(),
    'A long-lived Instagram user token; keep it in the environment (or connect accounts in /admin).',
    'IG_ACCESS_TOKEN (alias INSTAGRAM_ACCESS_TOKEN)',
  ),
  userId: doc(
    z
      .string()
      .regex(/^\d+$/, {
        error:
          'must be the numeric Instagram user id (IG_USER_ID); leave it unset to resolve it through /me.',
      })
      .optional(),
    'The IG user id; without it the sync lists /me/media.',
    'IG_USER_ID',
  ),
  strict: doc(
    z.boolean().default(false),
    'A failed sync fails the build instead of using the last good snapshot.',
    'IG_SYNC_STRICT=1',
  ),
  demo: doc(
    z.boolean().default(false),
    'With no token, sync from the bundled emulator’s demo account.',
  ),
  downloadConcurrency: doc(z.int().min(1).max(32).default(6), 'Media downloads at once.'),
  maxImageBytes: doc(
    z
      .int()
      .positive()
      .default(25 * 1024 * 1024),
    'Larger images are refused.',
  ),
  maxVideoBytes: doc(
    z
      .int()
      .positive()
      .default(300 * 1024 * 1024),
    'Larger videos are refused.',
  ),
  timeoutMs: doc(z.int().positive().default(15_000), 'Per Graph request and per download.'),
  feedPosts: doc(
    z
      .int({ error: FEED_POSTS_ERROR })
      .min(0, { error: FEED_POSTS_ERROR })
      .max(MAX_FEED_POSTS, { error: FEED_POSTS_ERROR })
      .default(24),
    `How many of each account's newest posts to keep for \`<InstagramFeed>\` besides the posts in event windows (0–${MAX_FEED_POSTS}; 0 keeps none).`,
  ),
});

const duration = z.union([z.string(), z.number()]).refine((v) => parseDuration(v) !== undefined, {
  error: 'must be a duration like "30m", "2h", "1d" or "1h30m".',
});

const origin = z
  .string()
  .refine((value) => value === '*' || value === "'self'" || /^https?:\/\/[^/\s]+$/.test(value), {
    error:
      'must be an origin like https://www.example.com (no path), "\'self\'" or "*" (EMBED_ALLOWED_ORIGINS).',
  });

const embedSchema = z.strictObject({
  enabled: doc(
    z.boolean().default(true),
    'The embed routes: /embed.js, the /embed/… iframe pages and the JSON feeds.',
  ),
  origins: doc(
    z.array(origin).default(['*']),
    'Origins allowed to frame the embed pages (CSP frame-ancestors, read at build time); "*" for any.',
    'EMBED_ALLOWED_ORIGINS (comma-separated)',
  ),
});

export const optionsSchema = z.strictObject({
  eventsDir: doc(
    z.string().default('content/events'),
    'Folder of event YAML files, relative to the project root.',
  ),
  server: doc(
    z.boolean().default(false),
    'Inject the on-demand routes (admin APIs, publishing, analytics, OAuth) and their middleware; needs an adapter.',
  ),
  embed: embedSchema.default({ enabled: true, origins: ['*'] }),
  dataDir: doc(
    z.string().default('.astro-instagram-sync'),
    'Media cache and last-good Instagram snapshot (keep it between CI builds).',
  ),
  window: z
    .strictObject({
      before: doc(
        duration.default('1h'),
        'Margin before every event for matching Instagram posts: "30m", "2h", "1d"…',
      ),
      after: doc(
        duration.default('12h'),
        'Margin after every event (brands often post the next morning).',
      ),
    })
    .default({ before: '1h', after: '12h' }),
  guestPhotos: z.discriminatedUnion('source', [localSchema, s3Schema]),
  instagram: instagramSchema,
});

/** Every option, fully resolved: what the integration and the loaders run with. */
export type ResolvedOptions = z.output<typeof optionsSchema>;

/** Options as users write them in astro.config and content.config; every field is optional. */
export interface InstagramSyncOptions {
  /** Folder of event YAML files, relative to the project root. Default "content/events". */
  eventsDir?: string;
  /** Folder for the media cache and the last-good Instagram snapshot. Default ".astro-instagram-sync". */
  dataDir?: string;
  /** Margins added around every event for matching Instagram posts. Default { before: "1h", after: "12h" }. */
  window?: { before?: string | number; after?: string | number };
  /**
   * Where approved guest photos come from. Default: the local folder "content/guest-photos", or S3
   * when S3_BUCKET is set. Without `source`, `dir` alone means the local folder and a bucket (or
   * another S3 option) means S3.
   */
  guestPhotos?:
    | (Omit<z.input<typeof localSchema>, 'source'> & { source?: 'local' })
    | (Omit<z.input<typeof s3Schema>, 'bucket' | 'source'> & { source?: 's3'; bucket?: string });
  /**
   * The Instagram sync. `feedPosts`: how many of each account's newest posts to keep for
   * <InstagramFeed>, besides the posts in event windows. Default 24; 0 keeps none.
   */
  instagram?: Partial<z.input<typeof instagramSchema>>;
  /**
   * Inject the on-demand routes (admin pages' APIs, publishing, analytics, OAuth, media) and
   * their middleware. Needs an adapter. Default false: a purely static site gets no server routes.
   */
  server?: boolean;
  /** The iframe embed pages and JSON feeds; `origins` may frame them (CSP frame-ancestors). Default { enabled: true, origins: ["*"] }. */
  embed?: { enabled?: boolean; origins?: string[] };
}

/** Fills options from the environment and defaults, then validates them with messages that name the option. */
export function resolveOptions(
  user: InstagramSyncOptions = {},
  env: Env = processEnv(),
): ResolvedOptions {
  const candidate = {
    ...user,
    ...(env.EMBED_ALLOWED_ORIGINS && {
      embed: { ...user.embed, origins: env.EMBED_ALLOWED_ORIGINS.split(/[\s,]+/).filter(Boolean) },
    }),
    guestPhotos: guestPhotosFrom(user.guestPhotos, env),
    instagram: {
      graphBase: env.INSTAGRAM_GRAPH_BASE || DEFAULT_GRAPH_BASE,
      facebookGraphBase: env.INSTAGRAM_FACEBOOK_GRAPH_BASE || DEFAULT_FACEBOOK_GRAPH_BASE,
      ...definedOnly({
        accessToken: env.IG_ACCESS_TOKEN || env.INSTAGRAM_ACCESS_TOKEN || undefined,
        userId: env.IG_USER_ID || undefined,
        strict: env.IG_SYNC_STRICT ? flag(env.IG_SYNC_STRICT) : undefined,
      }),
      ...definedOnly(user.instagram ?? {}),
    },
  };
  const result = optionsSchema.safeParse(candidate);
  if (!result.success) {
    const [issue] = result.error.issues;
    if (!issue) throw result.error;
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length > 0 ? ` in \`${issue.path.join('.')}\`` : '';
      throw new Error(
        `astro-instagram-sync: unknown option ${issue.keys.map((k) => `\`${k}\``).join(', ')}${where}. See the options table in docs/configuration.md.`,
      );
    }
    throw new Error(`astro-instagram-sync: option \`${issue.path.join('.')}\` ${issue.message}`);
  }
  return result.data;
}

/** Options only an S3 source has: any of them in a config without `source` means S3. */
const S3_ONLY_KEYS = ['bucket', 'prefix', 'endpoint', 'region', 'forcePathStyle', 'credentials'];

function guestPhotosFrom(user: InstagramSyncOptions['guestPhotos'], env: Env) {
  const fromEnv = definedOnly({
    bucket: env.S3_BUCKET,
    prefix: env.S3_PREFIX,
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? flag(env.S3_FORCE_PATH_STYLE) : undefined,
  });
  if (guestSourceOf(user, env) === 'local')
    return {
      source: 'local',
      ...definedOnly({ dir: env.GUEST_PHOTOS_DIR || undefined }),
      ...definedOnly(user ?? {}),
    };
  return { ...fromEnv, ...definedOnly(user ?? {}), source: 's3' };
}

/**
 * The guest photo source: the config's `source` when it names one; else what the config's keys
 * imply (`dir` is local, a bucket or other S3 key is S3, both is a mistake); else S3 when
 * S3_BUCKET is set, local otherwise.
 */
function guestSourceOf(user: InstagramSyncOptions['guestPhotos'], env: Env): 'local' | 's3' {
  if (user?.source !== undefined) return user.source;
  const given = Object.keys(definedOnly(user ?? {}));
  const s3Keys = given.filter((key) => S3_ONLY_KEYS.includes(key));
  const hasDir = given.includes('dir');
  if (hasDir && s3Keys.length > 0)
    throw new Error(
      `astro-instagram-sync: option \`guestPhotos\` has both \`dir\` (a local folder) and ${s3Keys.map((k) => `\`${k}\``).join(', ')} (S3). Set \`guestPhotos.source\` to "local" or "s3" and keep only that source's options.`,
    );
  if (hasDir) return 'local';
  if (s3Keys.length > 0) return 's3';
  return env.S3_BUCKET ? 's3' : 'local';
}

function flag(value: string): boolean {
  return ['1', 'true', 'yes'].includes(value.trim().toLowerCase());
}

function definedOnly<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(record).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
