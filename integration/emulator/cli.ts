import { startEmulator } from './index.ts';

// `npm run emulator`: the emulator on a fixed port for local development.
const emulator = await startEmulator({
  port: Number(process.env.PORT ?? 4010),
  host: process.env.HOST ?? '127.0.0.1',
});

console.log(`Instagram Graph API emulator
  graph base   ${emulator.graphBase}   (INSTAGRAM_GRAPH_BASE)
  demo token   ${emulator.demoToken}   (IG_ACCESS_TOKEN)
  user id      ${emulator.userId}   (IG_USER_ID)
  OAuth        ${emulator.origin}/oauth/authorize   (then /oauth/access_token, /access_token, /refresh_access_token)
  control API  ${emulator.origin}/__control/   (faults, requests, clock, oauth, tokens, publishing, webhooks, reset)`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the emulator`);
  await emulator.close();
  process.exit(0);
}

process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
