import { z } from 'astro/zod';
import { parseDuration } from './sync/duration.ts';

const DEFAULT_GRAPH_BASE = 'https://graph.instagram.com/v26.0';
/** Each feed post is downloaded and its images encoded at every build, so the feed stays bounded. */
const MAX_FEED_POSTS = 500;
const FEED_POSTS_ERROR = `must be a whole number from 0 to ${MAX_FEED_POSTS}: how many of each account's newest posts to keep for <InstagramFeed> (0 keeps none).`;

const s3Schema = z.strictObject({
  source: z.literal('s3'),
  bucket: z.string({ error: 'is required for S3 guest photos: set S3_BUCKET or guestPhotos.bucket.' }).min(3, { error: 'must be an S3 bucket name of at least 3 characters (S3_BUCKET).' }),
  prefix: z.string().default(''),
  endpoint: z.url({ protocol: /^https?$/, error: 'must be a URL like http://localhost:9000 (S3_ENDPOINT).' }).optional(),
  region: z.string().default('us-east-1'),
  forcePathStyle: z.boolean().default(false),
  credentials: z.strictObject({ accessKeyId: z.string(), secretAccessKey: z.string() }).optional(),
});

const localSchema = z.strictObject({
  source: z.literal('local'),
  dir: z.string().default('content/guest-photos'),
});

const instagramSchema = z.strictObject({
  graphBase: z.url({ error: 'must be the Graph API base URL with its version, e.g. https://graph.instagram.com/v26.0 (INSTAGRAM_GRAPH_BASE).' }),
  accessToken: z.string().min(1).optional(),
  userId: z.string().regex(/^\d+$/, { error: 'must be the numeric Instagram user id (IG_USER_ID); leave it unset to resolve it through /me.' }).optional(),
  strict: z.boolean().default(false),
  demo: z.boolean().default(false),
  downloadConcurrency: z.int().min(1).max(32).default(6),
  maxImageBytes: z.int().positive().default(25 * 1024 * 1024),
  maxVideoBytes: z.int().positive().default(300 * 1024 * 1024),
  timeoutMs: z.int().positive().default(15_000),
  feedPosts: z
    .int({ error: FEED_POSTS_ERROR })
    .min(0, { error: FEED_POSTS_ERROR })
    .max(MAX_FEED_POSTS, { error: FEED_POSTS_ERROR })
    .default(24),
});

const duration = z
  .union([z.string(), z.number()])
  .refine((v) => parseDuration(v) !== undefined, { error: 'must be a duration like "30m", "2h", "1d" or "1h30m".' });

const origin = z.string().refine((value) => value === '*' || value === "'self'" || /^https?:\/\/[^/\s]+$/.test(value), {
  error: 'must be an origin like https://www.example.com (no path), "\'self\'" or "*" (EMBED_ALLOWED_ORIGINS).',
});

const embedSchema = z.strictObject({
  enabled: z.boolean().default(true),
  origins: z.array(origin).default(['*']),
});

export const optionsSchema = z.strictObject({
  eventsDir: z.string().default('content/events'),
  server: z.boolean().default(false),
  embed: embedSchema.default({ enabled: true, origins: ['*'] }),
  dataDir: z.string().default('.astro-instagram-sync'),
  window: z.strictObject({ before: duration.default('1h'), after: duration.default('12h') }).default({ before: '1h', after: '12h' }),
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
  /** Where approved guest photos come from. Default: the local folder "content/guest-photos", or S3 when S3_BUCKET is set. */
  guestPhotos?: z.input<typeof localSchema> | Omit<z.input<typeof s3Schema>, 'bucket'> & { bucket?: string };
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

export type Env = Record<string, string | undefined>;

/** Fills options from the environment and defaults, then validates them with messages that name the option. */
export function resolveOptions(user: InstagramSyncOptions = {}, env: Env = process.env): ResolvedOptions {
  const candidate = {
    ...user,
    ...(env.EMBED_ALLOWED_ORIGINS && { embed: { ...user.embed, origins: env.EMBED_ALLOWED_ORIGINS.split(/[\s,]+/).filter(Boolean) } }),
    guestPhotos: guestPhotosFrom(user.guestPhotos, env),
    instagram: {
      graphBase: env.INSTAGRAM_GRAPH_BASE || DEFAULT_GRAPH_BASE,
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
    const issue = result.error.issues[0]!;
    if (issue.code === 'unrecognized_keys') {
      const where = issue.path.length > 0 ? ` in \`${issue.path.join('.')}\`` : '';
      throw new Error(`astro-instagram-sync: unknown option ${issue.keys.map((k) => `\`${k}\``).join(', ')}${where}. See the options table in the README.`);
    }
    throw new Error(`astro-instagram-sync: option \`${issue.path.join('.')}\` ${issue.message}`);
  }
  return result.data;
}

function guestPhotosFrom(user: InstagramSyncOptions['guestPhotos'], env: Env) {
  const fromEnv = definedOnly({
    bucket: env.S3_BUCKET,
    prefix: env.S3_PREFIX,
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: env.S3_FORCE_PATH_STYLE ? flag(env.S3_FORCE_PATH_STYLE) : undefined,
  });
  if (user?.source === 'local' || (!user && !env.S3_BUCKET)) return { source: 'local', ...definedOnly(user ?? {}) };
  return { ...fromEnv, ...definedOnly(user ?? {}), source: 's3' };
}

function flag(value: string): boolean {
  return ['1', 'true', 'yes'].includes(value.trim().toLowerCase());
}

function definedOnly<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
