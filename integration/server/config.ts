import type { AnalyticsSettings } from '../analytics/index.ts';
import { readRebuildSettings, type RebuildSettings } from '../rebuild/rebuild-settings.ts';
import type { GuestUploadSettings } from '../guest/index.ts';
import { isValidTimeZone } from '../events/time-zone.ts';
import { processEnv, type Env } from '../shared/env.ts';
import { wholeNumberSetting } from '../env-number.ts';
import { DEFAULT_REBUILD_FIELDS } from '../webhooks/gallery-effects.ts';
import { DEFAULT_STATE_DB_PATH } from '../store/index.ts';
import { readWriteBackTarget, type WriteBackTarget } from '../tokens/index.ts';
import { FACEBOOK_LOGIN_SCOPES } from '../oauth/index.ts';

/** Settings of the on-demand server, read once per process. */
export interface ServerConfig {
  /** The site's `instagram.graphBase` option (INSTAGRAM_GRAPH_BASE fills it when unset). */
  graphBase: string;
  /** The site's `instagram.facebookGraphBase` option: accounts connected with Facebook Login. */
  facebookGraphBase: string;
  /** Facebook Login: the Meta app id and secret (FACEBOOK_APP_ID, FACEBOOK_APP_SECRET). */
  facebookAppId?: string;
  facebookAppSecret?: string;
  facebookDialogUrl: string;
  facebookScopes: string[];
  appId?: string;
  appSecret?: string;
  authorizeUrl: string;
  tokenUrl: string;
  scopes: string[];
  publicBaseUrl: string;
  /**
   * The sqlite state file, unless DATABASE_URL names a PostgreSQL database. Its folder holds the
   * files of this instance: staff uploads while they arrive, and without S3 the publish media
   * and staged uploads (with S3 those are in the bucket, shared by every instance).
   */
  stateDbPath: string;
  leadDays: number;
  /** How long a publish job waits for Instagram to process its videos before it fails. */
  videoProcessingTimeoutMs: number;
  /** The lease of a running publish job: how long a dead instance's job waits to be taken over. */
  publishLeaseMs: number;
  /** Outgoing webhooks: the wait after a first failed attempt (then doubling, up to an hour). */
  outgoingFirstRetryMs: number;
  analytics: AnalyticsSettings;
  adminPasswordHash?: string;
  adminApiToken?: string;
  /** INSTAGRAM_VERIFY_TOKEN: the webhook subscription's verify token. */
  verifyToken?: string;
  /** Webhook fields whose events mark an account changed and ask for a rebuild. */
  webhookRebuildFields: string[];
  /** TAGS_POLL_MINUTES: how often Facebook Login accounts' `/tags` are read (0: never). */
  tagsPollMs: number;
  rebuild: RebuildSettings;
  guest: GuestServerSettings;
  /** IG_TOKEN_WRITE_BACK: where a refreshed token is written for the builds. */
  tokenWriteBack?: WriteBackTarget;
}

/** Guest uploads and moderation. */
export interface GuestServerSettings extends GuestUploadSettings {
  /** Rejected photos are deleted this many days after the rejection. */
  retentionDays: number;
}

export const DEFAULT_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_insights',
];

/** The settings the server reads from the environment: all but the site's options. */
export function readServerConfig(
  env: Env = processEnv(),
): Omit<ServerConfig, 'graphBase' | 'facebookGraphBase'> {
  const leadDays = wholeNumberSetting(env, 'IG_REFRESH_LEAD_DAYS', {
    min: 1,
    max: 59,
    fallback: 10,
    unit: 'days',
  });
  const timeoutMinutes = wholeNumberSetting(env, 'IG_PUBLISH_VIDEO_TIMEOUT_MINUTES', {
    min: 1,
    max: 120,
    fallback: 10,
    unit: 'minutes',
  });
  const leaseSeconds = wholeNumberSetting(env, 'IG_PUBLISH_LEASE_SECONDS', {
    min: 3,
    max: 600,
    fallback: 30,
    unit: 'seconds',
  });
  const tokenWriteBack = readWriteBackTarget(env);
  return {
    ...(env.INSTAGRAM_APP_ID && { appId: env.INSTAGRAM_APP_ID }),
    ...(env.INSTAGRAM_APP_SECRET && { appSecret: env.INSTAGRAM_APP_SECRET }),
    authorizeUrl: env.INSTAGRAM_AUTHORIZE_URL || 'https://www.instagram.com/oauth/authorize',
    tokenUrl: env.INSTAGRAM_TOKEN_URL || 'https://api.instagram.com/oauth/access_token',
    ...(env.FACEBOOK_APP_ID && { facebookAppId: env.FACEBOOK_APP_ID }),
    ...(env.FACEBOOK_APP_SECRET && { facebookAppSecret: env.FACEBOOK_APP_SECRET }),
    facebookDialogUrl: env.FACEBOOK_DIALOG_URL || 'https://www.facebook.com/v26.0/dialog/oauth',
    facebookScopes: env.FACEBOOK_SCOPES
      ? env.FACEBOOK_SCOPES.split(/[\s,]+/).filter(Boolean)
      : FACEBOOK_LOGIN_SCOPES,
    scopes: env.INSTAGRAM_SCOPES
      ? env.INSTAGRAM_SCOPES.split(/[\s,]+/).filter(Boolean)
      : DEFAULT_SCOPES,
    publicBaseUrl: (env.PUBLIC_BASE_URL || 'http://localhost:4321').replace(/\/$/, ''),
    stateDbPath: env.STATE_DB_PATH || DEFAULT_STATE_DB_PATH,
    leadDays,
    videoProcessingTimeoutMs: timeoutMinutes * 60_000,
    publishLeaseMs: leaseSeconds * 1000,
    outgoingFirstRetryMs:
      wholeNumberSetting(env, 'OUTGOING_WEBHOOK_FIRST_RETRY_SECONDS', {
        min: 1,
        max: 3600,
        fallback: 10,
        unit: 'seconds',
      }) * 1000,
    analytics: analyticsSettings(env),
    guest: guestSettings(env),
    ...(env.ADMIN_PASSWORD_HASH && { adminPasswordHash: env.ADMIN_PASSWORD_HASH }),
    ...(env.ADMIN_API_TOKEN && { adminApiToken: env.ADMIN_API_TOKEN }),
    ...(env.INSTAGRAM_VERIFY_TOKEN && { verifyToken: env.INSTAGRAM_VERIFY_TOKEN }),
    webhookRebuildFields:
      env.INSTAGRAM_WEBHOOK_REBUILD_FIELDS === undefined
        ? [...DEFAULT_REBUILD_FIELDS]
        : env.INSTAGRAM_WEBHOOK_REBUILD_FIELDS.split(/[\s,]+/).filter(Boolean),
    tagsPollMs:
      wholeNumberSetting(env, 'TAGS_POLL_MINUTES', {
        min: 0,
        max: 1440,
        fallback: 15,
        unit: 'minutes',
      }) * 60_000,
    rebuild: readRebuildSettings(env),
    ...(tokenWriteBack && { tokenWriteBack }),
  };
}

function analyticsSettings(env: Env): AnalyticsSettings {
  const timeZone = env.IG_ANALYTICS_TIMEZONE || 'UTC';
  if (!isValidTimeZone(timeZone))
    throw new Error(
      `IG_ANALYTICS_TIMEZONE must be an IANA time zone such as Europe/Berlin; got "${timeZone}".`,
    );
  const maxDays = wholeNumberSetting(env, 'IG_ANALYTICS_MAX_DAYS', {
    min: 1,
    max: 3660,
    fallback: 366,
    unit: 'days',
  });
  const start = env.IG_DEFAULT_START_DATE || undefined;
  if (
    start !== undefined &&
    (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(`${start}T00:00:00Z`)))
  ) {
    throw new Error(`IG_DEFAULT_START_DATE must be a date as YYYY-MM-DD; got "${start}".`);
  }
  return { timeZone, maxDays, ...(start && { defaultStartDate: start }) };
}

function guestSettings(env: Env): GuestServerSettings {
  const whole = (name: string, fallback: number, max: number) => {
    const value = Number(env[name] || fallback);
    if (!Number.isInteger(value) || value < 1 || value > max)
      throw new Error(`${name} must be a whole number from 1 to ${max} (default ${fallback}).`);
    return value;
  };
  return {
    maxBytes: whole('GUEST_UPLOAD_MAX_MB', 25, 200) * 1024 * 1024,
    maxPixels: whole('GUEST_UPLOAD_MAX_MEGAPIXELS', 100, 500) * 1_000_000,
    perHour: whole('GUEST_UPLOADS_PER_HOUR', 60, 100_000),
    retentionDays: whole('GUEST_REJECTED_RETENTION_DAYS', 30, 3650),
  };
}
