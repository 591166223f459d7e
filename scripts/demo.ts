// `npm run demo` (after `npm run build`, run by `predemo`): the built site with its server,
// plus the Graph API emulator so that /admin can connect accounts without Instagram.
// Demo-only settings (a fixed encryption key, a known admin password) fill only what the
// environment leaves unset; never use them for a real site.
import { startEmulator } from '../integration/emulator/index.ts';
import { hashPassword } from '../integration/server/password.ts';

const emulator = await startEmulator({ port: Number(process.env.EMULATOR_PORT ?? 4010) });
const password = process.env.DEMO_ADMIN_PASSWORD ?? 'demo-admin-password';
const demo: Record<string, string> = {
  INSTAGRAM_GRAPH_BASE: emulator.graphBase,
  INSTAGRAM_APP_ID: '990000000000001',
  INSTAGRAM_APP_SECRET: 'emulator-app-secret',
  INSTAGRAM_AUTHORIZE_URL: `${emulator.origin}/oauth/authorize`,
  INSTAGRAM_TOKEN_URL: `${emulator.origin}/oauth/access_token`,
  IG_TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 0x64).toString('base64'),
  ADMIN_PASSWORD_HASH: await hashPassword(password),
  STATE_DB_PATH: '.data/demo-state.db',
  PUBLIC_BASE_URL: `http://localhost:${process.env.PORT ?? 4321}`,
};
for (const [name, value] of Object.entries(demo)) process.env[name] ||= value;

console.log(
  `Demo: galleries at ${process.env.PUBLIC_BASE_URL}/ , admin at ${process.env.PUBLIC_BASE_URL}/admin (password: ${process.env.DEMO_ADMIN_PASSWORD ? '$DEMO_ADMIN_PASSWORD' : password})`,
);
console.log(`Demo: Instagram is the emulator at ${emulator.graphBase}`);
await import('./serve.ts');
