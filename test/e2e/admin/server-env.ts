/**
 * The admin tests' server settings, shared by playwright.config.ts (which starts the emulator
 * and the server with them) and the tests. Test fixtures only, fine to commit: the hash is of
 * ADMIN_PASSWORD, the encryption key is 32 bytes of 0x2a.
 */
export const SITE_PORT = Number(process.env.E2E_PORT ?? 4399);
export const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 4398);
export const SITE_URL = `http://127.0.0.1:${SITE_PORT}`;
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
/**
 * The crash spec's own emulator (publish-crash.spec.ts): its tests reset and hold the emulator for
 * minutes, so they run beside the other admin specs rather than after them.
 */
export const CRASH_EMULATOR_PORT = Number(process.env.E2E_CRASH_EMULATOR_PORT ?? 4397);
export const CRASH_EMULATOR_URL = `http://127.0.0.1:${CRASH_EMULATOR_PORT}`;
/** The "other site" of the embed tests (test/e2e/embed/): the one origin allowed to frame the embed pages. */
export const EMBED_HOST_PORT = Number(process.env.E2E_EMBED_HOST_PORT ?? 4420);
export const EMBED_HOST_URL = `http://127.0.0.1:${EMBED_HOST_PORT}`;

export const ADMIN_PASSWORD = 'e2e-admin-password-123';
export const ADMIN_API_TOKEN = 'e2e-admin-api-token';
export const VERIFY_TOKEN = 'e2e-webhook-verify-token';
/** Relative to the repository root (the server's working directory). */
export const STATE_DB_PATH = 'test-results/e2e-state/state.db';
/** Everything `npm start` prints, stdout and stderr. */
export const SERVER_LOG = 'test-results/e2e-server.log';

/** What every server of the admin tests is started with, but the emulator's address. */
const COMMON_ENV: Record<string, string> = {
  INSTAGRAM_APP_ID: '990000000000001',
  INSTAGRAM_APP_SECRET: 'emulator-app-secret',
  IG_TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 0x2a).toString('base64'),
  ADMIN_PASSWORD_HASH:
    'scrypt$16384$8$1$HVD6oPOi7Db1wNN1XhSCJA==$ARyj+1svBcZeb3yvzMM3YdzDJuUqJoUyV8Lt6/YQdKs=',
  ADMIN_API_TOKEN,
  STATE_DB_PATH,
  PUBLIC_BASE_URL: SITE_URL,
  EMBED_ALLOWED_ORIGINS: EMBED_HOST_URL,
  INSTAGRAM_VERIFY_TOKEN: VERIFY_TOKEN,
};

/** The environment of `npm start` (the build gets it too: with no state db yet it stays in demo mode). */
export const SERVER_ENV: Record<string, string> = serverEnv(EMULATOR_URL);

/** The server settings above with the Instagram endpoints of the emulator at `emulatorUrl`. */
export function serverEnv(emulatorUrl: string): Record<string, string> {
  return {
    ...COMMON_ENV,
    INSTAGRAM_GRAPH_BASE: `${emulatorUrl}/v26.0`,
    INSTAGRAM_AUTHORIZE_URL: `${emulatorUrl}/oauth/authorize`,
    INSTAGRAM_TOKEN_URL: `${emulatorUrl}/oauth/access_token`,
    // Facebook Login: the emulator's graph.facebook.com and dialog, and its Meta app.
    INSTAGRAM_FACEBOOK_GRAPH_BASE: `${emulatorUrl}/facebook/v26.0`,
    FACEBOOK_DIALOG_URL: `${emulatorUrl}/facebook/v26.0/dialog/oauth`,
    FACEBOOK_APP_ID: '990000000000002',
    FACEBOOK_APP_SECRET: 'emulator-facebook-app-secret',
  };
}
