import type { AnalyticsSettings } from '../analytics/index.ts';
import type { GuestUploadSettings } from '../guest/index.ts';
import { isValidTimeZone } from '../sync/time-zone.ts';

/** Settings of the on-demand server, read from the environment once per process. */
export interface ServerConfig {
  graphBase: string;
  appId?: string;
  appSecret?: string;
  authorizeUrl: string;
  tokenUrl: string;
  scopes: string[];
  publicBaseUrl: string;
  stateDbPath: string;
  leadDays: number;
  /** How long a publish job waits for Instagram to process its videos before it fails. */
  videoProcessingTimeoutMs: number;
  analytics: AnalyticsSettings;
  adminPasswordHash?: string;
  adminApiToken?: string;
  guest: GuestServerSettings;
}

/** Guest uploads and moderation. */
export interface GuestServerSettings extends GuestUploadSettings {
  /** Rejected photos are deleted this many days after the rejection. */
  retentionDays: number;
}

export const DEFAULT_SCOPES = ['instagram_business_basic', 'instagram_business_content_publish', 'instagram_business_manage_insights'];

export function readServerConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const leadDays = Number(env.IG_REFRESH_LEAD_DAYS ?? 10);
  if (!Number.isInteger(leadDays) || leadDays < 1 || leadDays > 59) {
    throw new Error('IG_REFRESH_LEAD_DAYS must be a whole number of days from 1 to 59 (default 10).');
  }
  const timeoutMinutes = Number(env.IG_PUBLISH_VIDEO_TIMEOUT_MINUTES ?? 10);
  if (!Number.isInteger(timeoutMinutes) || timeoutMinutes < 1 || timeoutMinutes > 120) {
    throw new Error('IG_PUBLISH_VIDEO_TIMEOUT_MINUTES must be a whole number of minutes from 1 to 120 (default 10).');
  }
  return {
    graphBase: env.INSTAGRAM_GRAPH_BASE || 'https://graph.instagram.com/v26.0',
    ...(env.INSTAGRAM_APP_ID && { appId: env.INSTAGRAM_APP_ID }),
    ...(env.INSTAGRAM_APP_SECRET && { appSecret: env.INSTAGRAM_APP_SECRET }),
    authorizeUrl: env.INSTAGRAM_AUTHORIZE_URL || 'https://www.instagram.com/oauth/authorize',
    tokenUrl: env.INSTAGRAM_TOKEN_URL || 'https://api.instagram.com/oauth/access_token',
    scopes: env.INSTAGRAM_SCOPES ? env.INSTAGRAM_SCOPES.split(/[\s,]+/).filter(Boolean) : DEFAULT_SCOPES,
    publicBaseUrl: (env.PUBLIC_BASE_URL || 'http://localhost:4321').replace(/\/$/, ''),
    stateDbPath: env.STATE_DB_PATH || '.data/state.db',
    leadDays,
    videoProcessingTimeoutMs: timeoutMinutes * 60_000,
    analytics: analyticsSettings(env),
    guest: guestSettings(env),
    ...(env.ADMIN_PASSWORD_HASH && { adminPasswordHash: env.ADMIN_PASSWORD_HASH }),
    ...(env.ADMIN_API_TOKEN && { adminApiToken: env.ADMIN_API_TOKEN }),
  };
}

function analyticsSettings(env: Record<string, string | undefined>): AnalyticsSettings {
  const timeZone = env.IG_ANALYTICS_TIMEZONE || 'UTC';
  if (!isValidTimeZone(timeZone)) throw new Error(`IG_ANALYTICS_TIMEZONE must be an IANA time zone such as Europe/Berlin; got "${timeZone}".`);
  const maxDays = Number(env.IG_ANALYTICS_MAX_DAYS ?? 366);
  if (!Number.isInteger(maxDays) || maxDays < 1 || maxDays > 3660) {
    throw new Error('IG_ANALYTICS_MAX_DAYS must be a whole number of days from 1 to 3660 (default 366).');
  }
  const start = env.IG_DEFAULT_START_DATE || undefined;
  if (start !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(`${start}T00:00:00Z`)))) {
    throw new Error(`IG_DEFAULT_START_DATE must be a date as YYYY-MM-DD; got "${start}".`);
  }
  return { timeZone, maxDays, ...(start && { defaultStartDate: start }) };
}

function guestSettings(env: Record<string, string | undefined>): GuestServerSettings {
  const whole = (name: string, fallback: number, max: number) => {
    const value = Number(env[name] || fallback);
    if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be a whole number from 1 to ${max} (default ${fallback}).`);
    return value;
  };
  return {
    maxBytes: whole('GUEST_UPLOAD_MAX_MB', 25, 200) * 1024 * 1024,
    maxPixels: whole('GUEST_UPLOAD_MAX_MEGAPIXELS', 100, 500) * 1_000_000,
    perHour: whole('GUEST_UPLOADS_PER_HOUR', 60, 100_000),
    retentionDays: whole('GUEST_REJECTED_RETENTION_DAYS', 30, 3650),
  };
}
