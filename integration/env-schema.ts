import type { AstroUserConfig } from 'astro';
import { envField } from 'astro/config';

type EnvSchema = NonNullable<NonNullable<AstroUserConfig['env']>['schema']>;

const secret = () => envField.string({ context: 'server', access: 'secret', optional: true });
const publicServer = () => envField.string({ context: 'server', access: 'public', optional: true });

/** Every environment setting, declared once for `astro:env`: secrets as server secrets. */
export const ENV_SCHEMA: EnvSchema = {
  IG_ACCESS_TOKEN: secret(),
  INSTAGRAM_ACCESS_TOKEN: secret(),
  IG_USER_ID: publicServer(),
  INSTAGRAM_GRAPH_BASE: publicServer(),
  IG_SYNC_STRICT: publicServer(),
  S3_ENDPOINT: publicServer(),
  S3_REGION: publicServer(),
  S3_BUCKET: publicServer(),
  S3_PREFIX: publicServer(),
  S3_FORCE_PATH_STYLE: publicServer(),
  AWS_ACCESS_KEY_ID: secret(),
  AWS_SECRET_ACCESS_KEY: secret(),
  INSTAGRAM_APP_ID: publicServer(),
  INSTAGRAM_APP_SECRET: secret(),
  INSTAGRAM_AUTHORIZE_URL: publicServer(),
  INSTAGRAM_TOKEN_URL: publicServer(),
  INSTAGRAM_SCOPES: publicServer(),
  IG_TOKEN_ENCRYPTION_KEY: secret(),
  IG_TOKEN_ENCRYPTION_OLD_KEYS: secret(),
  IG_REFRESH_LEAD_DAYS: publicServer(),
  IG_PUBLISH_VIDEO_TIMEOUT_MINUTES: publicServer(),
  IG_ANALYTICS_TIMEZONE: publicServer(),
  IG_ANALYTICS_MAX_DAYS: publicServer(),
  IG_DEFAULT_START_DATE: publicServer(),
  EMBED_ALLOWED_ORIGINS: publicServer(),
  ADMIN_PASSWORD_HASH: secret(),
  ADMIN_API_TOKEN: secret(),
  STATE_DB_PATH: publicServer(),
  PUBLIC_BASE_URL: publicServer(),
  INSTAGRAM_VERIFY_TOKEN: secret(),
  INSTAGRAM_WEBHOOK_REBUILD_FIELDS: publicServer(),
  // Build hook URLs carry their secret in the path.
  DEPLOY_HOOK_URL: secret(),
  DEPLOY_HOOK_TOKEN: secret(),
  DEPLOY_HOOK_COMMAND: publicServer(),
  DEPLOY_HOOK_QUIET_SECONDS: publicServer(),
  DEPLOY_HOOK_ATTEMPTS: publicServer(),
  GUEST_PHOTOS_DIR: publicServer(),
  GUEST_UPLOAD_MAX_MB: publicServer(),
  GUEST_UPLOAD_MAX_MEGAPIXELS: publicServer(),
  GUEST_UPLOADS_PER_HOUR: publicServer(),
  GUEST_REJECTED_RETENTION_DAYS: publicServer(),
};
