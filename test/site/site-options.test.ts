import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { astroBuild, copySite, ROOT } from '../../harness/site-copy.ts';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { loadEvents } from '../../integration/events/events.ts';
import { GraphClient } from '../../integration/graph/index.ts';
import { eventPostItems } from '../../integration/publish/event-posts.ts';
import { openSqliteStore, TokenCipher } from '../../integration/store/index.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';
import { BUILD_TIMEOUT_MS } from '../helpers/timeouts.ts';
import { freePort } from '../../harness/free-port.ts';

vi.setConfig({ testTimeout: BUILD_TIMEOUT_MS, hookTimeout: BUILD_TIMEOUT_MS });

/**
 * "The options set in astro.config reach every server route": a copy of the reference site whose
 * events live in a folder of their own, with wide windows, built once and served with `npm start`.
 * The admin's publish page and its API must list the events and the window posts the galleries
 * show, not those of the defaults (content/events, 1h before and 12h after).
 */
const EVENTS_DIR = 'content/my-events';
const WINDOW = { before: '2d', after: '3d' };
const API_TOKEN = 'site-options-api-token';
const USERNAME = 'northlight.events';

let site: Awaited<ReturnType<typeof copySite>>;
let emulator: RunningEmulator;
let server: ChildProcess | undefined;
let serverOutput = '';
let baseUrl = '';
let accountId = '';

beforeAll(async () => {
  const content = await mkdtemp(path.join(os.tmpdir(), 'ais-content-'));
  await cp(path.join(ROOT, 'content/events'), path.join(content, 'my-events'), { recursive: true });
  await cp(path.join(ROOT, 'content/guest-photos'), path.join(content, 'guest-photos'), {
    recursive: true,
  });
  // The default folder holds an event the site does not have: nothing may list it.
  await mkdir(path.join(content, 'events'));
  await writeFile(
    path.join(content, 'events/decoy.yaml'),
    'title: Decoy\ntimezone: UTC\nstart: 2026-04-29T18:00\nend: 2026-04-29T23:00\n',
  );
  site = await copySite(content);
  await rm(content, { recursive: true, force: true });
  await writeFile(
    path.join(site.root, 'instagram-sync.config.ts'),
    `export default ${JSON.stringify({ eventsDir: EVENTS_DIR, window: WINDOW, server: true })};\n`,
  );

  // One connected account, on an emulator that both the build and the server talk to.
  emulator = await startEmulator();
  accountId = emulator.userId;
  const env = {
    INSTAGRAM_GRAPH_BASE: emulator.graphBase,
    IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
    STATE_DB_PATH: path.join(site.root, '.data/state.db'),
  };
  await connectAccount(env.STATE_DB_PATH);

  const build = await astroBuild(site.root, env);
  expect(build.code, build.output).toBe(0);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(path.join(ROOT, 'node_modules/.bin/node'), ['scripts/serve.ts'], {
    cwd: site.root,
    env: {
      PATH: process.env.PATH ?? '',
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: baseUrl,
      ADMIN_API_TOKEN: API_TOKEN,
    },
  });
  server.stdout?.on('data', (chunk) => (serverOutput += chunk));
  server.stderr?.on('data', (chunk) => (serverOutput += chunk));
  await waitUntilUp(`${baseUrl}/`);
});

afterAll(async () => {
  server?.kill();
  await emulator?.close();
  await site?.remove();
});

async function connectAccount(dbPath: string): Promise<void> {
  await mkdir(path.dirname(dbPath), { recursive: true });
  const store = await openSqliteStore({
    path: dbPath,
    cipher: TokenCipher.fromKeys({ current: Buffer.from(TEST_KEY, 'base64'), old: [] }),
  });
  const now = emulator.control.now();
  const expiresAt = now + 50 * 86_400_000;
  const token = emulator.control.issueToken({
    kind: 'long',
    username: USERNAME,
    issuedAt: now,
    expiresAt,
  });
  await store.saveAccount({
    userId: accountId,
    username: USERNAME,
    scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
    token,
    tokenIssuedAt: new Date(now).toISOString(),
    tokenExpiresAt: new Date(expiresAt).toISOString(),
    refreshedAt: null,
    connectedAt: new Date(now).toISOString(),
    source: 'oauth',
  });
  await store.close();
}

async function waitUntilUp(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null) throw new Error(`npm start exited:\n${serverOutput}`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`npm start did not answer:\n${serverOutput}`);
}

const api = async (query: string) => {
  const response = await fetch(`${baseUrl}/api/publish/sources?${query}`, {
    headers: { authorization: `Bearer ${API_TOKEN}` },
  });
  expect(response.status, serverOutput).toBe(200);
  return (await response.json()) as {
    events: { id: string; title: string }[];
    posts: { postId: string }[];
    postsError?: string;
  };
};

/** The Instagram post ids a built gallery page shows. */
async function galleryPosts(eventId: string): Promise<string[]> {
  const html = await readFile(path.join(site.root, `dist/client/g/${eventId}/index.html`), 'utf8');
  return [...html.matchAll(/<li data-source="instagram" data-id="([^"]+)"/g)].map((m) => m[1]!);
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('a site with its own eventsDir and window', () => {
  it('lists in /admin/publish and its API the events its galleries have', async () => {
    const pages = await readdir(path.join(site.root, 'dist/client/g'), { withFileTypes: true });
    const galleries = sorted(pages.filter((entry) => entry.isDirectory()).map((e) => e.name));
    expect(galleries).not.toContain('decoy');
    const { events } = await api('');
    expect(sorted(events.map((event) => event.id))).toEqual(galleries);

    const page = await fetch(`${baseUrl}/admin/publish`, {
      headers: { authorization: `Bearer ${API_TOKEN}` },
    });
    expect(page.status, serverOutput).toBe(200);
    const options = [...(await page.text()).matchAll(/<option value="([^"]+)"[^>]*>[^<]*\(/g)];
    expect(sorted(options.map((m) => m[1]!))).toEqual(galleries);
  });

  it("offers for each event the account's posts its gallery shows: the configured window", async () => {
    // A private event has no built gallery, and /admin/publish offers none.
    const events = (await loadEvents(site.root, EVENTS_DIR, WINDOW)).filter(
      (event) => event.visibility !== 'private',
    );
    const narrow = await loadEvents(site.root, EVENTS_DIR, { before: '1h', after: '12h' });
    const client = new GraphClient({
      baseUrl: emulator.graphBase,
      accessToken: emulator.demoToken,
    });
    let widened = 0;
    for (const event of events) {
      const { posts, postsError } = await api(`event=${event.id}&account=${accountId}`);
      expect(postsError).toBeUndefined();
      const offered = sorted(posts.map((post) => post.postId));
      expect(offered, event.id).toEqual(sorted(await galleryPosts(event.id)));
      const narrowEvent = narrow.find((candidate) => candidate.id === event.id)!;
      const byDefault = await eventPostItems(client, accountId, narrowEvent);
      if (offered.length > sorted(byDefault.map((post) => post.postId)).length) widened++;
    }
    // The wide window matters: with the default one, some event would offer fewer posts.
    expect(widened).toBeGreaterThan(0);
  });
});
