import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../harness/free-port.ts';
import { startEmulator, type RunningEmulator } from '../integration/emulator/index.ts';
import { hashPassword } from '../integration/server/password.ts';
import { openSqliteStore, TokenCipher } from '../integration/store/index.ts';

/** Test settings of the fuzzed server, not secrets: the key is 32 bytes of 0x2a. */
const TOKEN_KEY = Buffer.alloc(32, 0x2a);
export const ADMIN_PASSWORD = 'fuzz-admin-password-123';
export const ADMIN_API_TOKEN = 'fuzz-admin-api-token';
export const APP_SECRET = 'emulator-app-secret'; // the emulator's demo app
export const VERIFY_TOKEN = 'fuzz-verify-token';

/** A built site served as `npm start` serves it, against the Instagram emulator. */
export interface Target {
  url: string;
  /** The cookie of a logged-in admin session. */
  sessionCookie: string;
  /** The connected account (the emulator's demo account). */
  accountId: string;
  /** Ids of the site's events, and the guest photos of each (at most 20 in all). */
  events: string[];
  photos: { event: string; name: string }[];
  /** The server's guest photo folder (GUEST_PHOTOS_DIR), a copy of the site's. */
  guestDir: string;
  /** The server process's resident memory in bytes, read from /proc (undefined once it exited). */
  rss(): Promise<number | undefined>;
  /** Why the server process stopped, if it did. */
  exited(): string | undefined;
  /** Everything the server printed. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the emulator, a state db with one connected account, a copy of the guest photos (the
 * fuzzer approves and rejects them), then `node scripts/serve.ts` in `root` (which must hold a
 * build in dist/), and logs an admin in.
 */
export async function startTarget(root: string): Promise<Target> {
  const emulator = await startEmulator();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ais-fuzz-'));
  const stateDbPath = path.join(dir, 'state.db');
  await connectAccount(stateDbPath, emulator);
  const guestDir = path.join(dir, 'guest-photos');
  await cp(path.join(root, 'content/guest-photos'), guestDir, { recursive: true }).catch(() =>
    mkdir(guestDir, { recursive: true }),
  );
  const environment = {
    PATH: process.env.PATH ?? '',
    // Process tuning of the operator's environment reaches the server as it would under npm start.
    ...pick(process.env, ['MALLOC_ARENA_MAX', 'UV_THREADPOOL_SIZE', 'NODE_OPTIONS']),
    HOST: '127.0.0.1',
    ASTRO_TELEMETRY_DISABLED: '1',
    INSTAGRAM_GRAPH_BASE: emulator.graphBase,
    INSTAGRAM_AUTHORIZE_URL: `${emulator.origin}/oauth/authorize`,
    INSTAGRAM_TOKEN_URL: `${emulator.origin}/oauth/access_token`,
    INSTAGRAM_APP_ID: '990000000000001',
    INSTAGRAM_APP_SECRET: APP_SECRET,
    INSTAGRAM_FACEBOOK_GRAPH_BASE: emulator.facebookGraphBase,
    FACEBOOK_DIALOG_URL: `${emulator.facebookGraphBase}/dialog/oauth`,
    FACEBOOK_APP_ID: '990000000000002',
    FACEBOOK_APP_SECRET: 'emulator-facebook-app-secret',
    INSTAGRAM_VERIFY_TOKEN: VERIFY_TOKEN,
    IG_TOKEN_ENCRYPTION_KEY: TOKEN_KEY.toString('base64'),
    ADMIN_PASSWORD_HASH: await hashPassword(ADMIN_PASSWORD),
    ADMIN_API_TOKEN,
    STATE_DB_PATH: stateDbPath,
    GUEST_PHOTOS_DIR: guestDir,
  };
  let server: Launched | undefined;
  const stop = async () => {
    if (server) await stopProcess(server.child);
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // A free port can be taken by another process before the server listens on it (a busy
    // machine opens many connections): then another port, a few times.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      server = launch(root, await startArguments(root), `http://127.0.0.1:${port}`, {
        ...environment,
        PORT: String(port),
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      });
      const launched = server;
      await waitFor(
        () => launched.output().includes('listening on') || launched.exited() !== undefined,
        120_000,
      );
      if (launched.exited() === undefined) break;
      if (!launched.output().includes('EADDRINUSE') || attempt === 5)
        throw new Error(`the server ${launched.exited()}:\n${launched.output()}`);
    }
    const { url, child } = server;
    const events = (await readdir(path.join(root, 'content/events')))
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => name.replace(/\.yaml$/, ''));
    return {
      url,
      sessionCookie: await logIn(url),
      accountId: emulator.userId,
      events,
      photos: await guestPhotos(guestDir),
      guestDir,
      rss: () => rssOf(child.pid),
      exited: server.exited,
      output: server.output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface Launched {
  url: string;
  child: ChildProcess;
  output(): string;
  exited(): string | undefined;
}

/** `node <args>` in `root` with exactly `env`, its output kept. */
function launch(root: string, args: string[], url: string, env: Record<string, string>): Launched {
  const child = spawn(path.join(root, 'node_modules/.bin/node'), args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exit: string | undefined;
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  child.on('exit', (code, signal) => (exit = `exited with ${signal ?? code}`));
  return { url, child, output: () => output, exited: () => exit };
}

/** The arguments `npm start` gives node (e.g. a heap limit, then scripts/serve.ts). */
async function startArguments(root: string): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const [command, ...args] = String(scripts.start).split(/\s+/);
  if (command !== 'node') throw new Error(`npm start runs "${scripts.start}", not node`);
  return args;
}

function pick(env: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}

async function connectAccount(stateDbPath: string, emulator: RunningEmulator): Promise<void> {
  const store = await openSqliteStore({
    path: stateDbPath,
    cipher: TokenCipher.fromKeys({ current: TOKEN_KEY, old: [] }),
  });
  const now = Date.now();
  await store.saveAccount({
    userId: emulator.userId,
    username: 'fuzz',
    scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
    token: emulator.demoToken,
    tokenIssuedAt: new Date(now).toISOString(),
    tokenExpiresAt: new Date(now + 50 * 86_400_000).toISOString(),
    refreshedAt: null,
    connectedAt: new Date(now).toISOString(),
    source: 'cli',
  });
  await store.close();
}

async function logIn(url: string): Promise<string> {
  const answer = await fetch(`${url}/api/admin/login`, {
    method: 'POST',
    headers: { 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ password: ADMIN_PASSWORD }),
    redirect: 'manual',
  });
  const cookie = answer.headers.getSetCookie().find((line) => line.startsWith('ais_admin='));
  if (answer.status !== 303 || !cookie)
    throw new Error(`logging in answered ${answer.status}: ${await answer.text()}`);
  return cookie.split(';')[0] ?? cookie;
}

async function guestPhotos(guestDir: string): Promise<{ event: string; name: string }[]> {
  const photos: { event: string; name: string }[] = [];
  for (const event of await readdir(guestDir)) {
    for (const name of await readdir(path.join(guestDir, event)).catch(() => [])) {
      if (/\.(jpe?g|png|webp)$/i.test(name)) photos.push({ event, name });
    }
  }
  return photos.slice(0, 20);
}

async function rssOf(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status && /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : undefined;
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`the server did not start within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
