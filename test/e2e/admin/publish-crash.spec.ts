/**
 * Crash safety of the real server process: `npm start`'s script is killed with SIGKILL in the
 * middle of a publish and started again on the same state db; every job must end published with
 * exactly one post in the emulator.
 *
 * This spec runs a second server of its own (port 4400, its own state db) from the build the
 * e2e server uses, against the shared emulator; the browser is not needed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { publishedPosts } from './publish-support.ts';
import { BEARER, emulator, NORTHLIGHT, ROOT } from './support.ts';
import { EMULATOR_URL, SERVER_ENV } from './server-env.ts';

test.describe.configure({ mode: 'default' });

const PORT = 4400;
const URL_ = `http://127.0.0.1:${PORT}`;
const STATE_DIR = path.join(ROOT, 'test-results/e2e-crash');
const ENV = {
  PATH: process.env.PATH ?? '',
  ...SERVER_ENV,
  STATE_DB_PATH: path.join(STATE_DIR, 'state.db'),
  PUBLIC_BASE_URL: URL_,
  HOST: '127.0.0.1',
  PORT: String(PORT),
};
const NODE = path.join(ROOT, 'node_modules/.bin/node');

interface JobView {
  id: string;
  status: string;
  phase: string;
  mediaId?: string;
  items: { containerId?: string }[];
}

let server: ChildProcess | undefined;
let output = '';

test.beforeEach(async ({ request }) => {
  await emulator.reset(request);
  await rm(STATE_DIR, { recursive: true, force: true });
  // Store the account the way an operator would: a short-lived token through `npm run ig -- token exchange`.
  const issued = await request.post(`${EMULATOR_URL}/__control/tokens`, {
    data: { kind: 'short', username: NORTHLIGHT.username },
  });
  const { token } = (await issued.json()) as { token: string };
  const exchange = spawnSync(NODE, ['scripts/ig.ts', 'token', 'exchange'], {
    cwd: ROOT,
    env: ENV,
    input: token,
    encoding: 'utf8',
  });
  expect(exchange.status, exchange.stdout + exchange.stderr).toBe(0);
});

test.afterEach(async () => {
  if (server && server.exitCode === null) await kill(server);
  expect(output, 'no token in the server output').not.toMatch(/IGAA[A-Za-z0-9]{20}/);
});

test('killed after the containers exist, while a video processes: resumed to one post', async ({
  request,
}) => {
  await request.post(`${EMULATOR_URL}/__control/publishing`, {
    data: { videoProcessingMs: 10 * 60_000 },
  });
  await start();
  const video = await request.post(`${URL_}/api/publish/uploads?name=teaser.mp4`, {
    headers: BEARER,
    data: await readFile(path.join(ROOT, 'test/fixtures/media/reel-4s.mp4')),
  });
  expect(video.status(), await video.text()).toBe(201);
  const { upload } = (await video.json()) as { upload: { id: string } };
  const job = await submit(request, {
    kind: 'carousel',
    fit: 'crop',
    caption: 'Crash test carousel',
    items: [
      guest('doors.jpg'),
      guest('band.jpg'),
      { source: { type: 'upload', uploadId: upload.id } },
    ],
  });

  await expect
    .poll(async () => (await jobOf(request, job.id)).phase, { timeout: 15_000, intervals: [50] })
    .toBe('processing_videos');
  expect(await emulator.count(request, 'POST /{ig-user-id}/media')).toBe(3);
  await kill(server!);

  await emulator.advanceClock(request, 11 * 60); // the video has finished processing meanwhile
  await start();
  await expect
    .poll(async () => (await jobOf(request, job.id)).status, { timeout: 30_000 })
    .toBe('published');

  const posts = await publishedPosts(request);
  expect(posts).toHaveLength(1);
  expect(posts[0]!.children).toHaveLength(3);
  expect(
    await emulator.count(request, 'POST /{ig-user-id}/media'),
    'three items and the carousel, none made twice',
  ).toBe(4);
  expect((await jobOf(request, job.id)).mediaId).toBe(posts[0]!.id);
});

test('killed right after media_publish was sent: the restart finds the post and never publishes again', async ({
  request,
}) => {
  await start();
  await emulator.addFault(request, { route: 'POST /{ig-user-id}/media_publish', delayMs: 3000 });
  const job = await submit(request, {
    kind: 'image',
    caption: 'Crash test photo',
    items: [guest('doors.jpg')],
  });

  await expect
    .poll(() => emulator.count(request, 'POST /{ig-user-id}/media_publish'), {
      timeout: 15_000,
      intervals: [20],
    })
    .toBe(1);
  await kill(server!);
  expect((await jobOf(request, job.id, false)).phase, 'the job was publishing when it died').toBe(
    'publishing',
  );
  await expect
    .poll(async () => (await publishedPosts(request)).length, { timeout: 10_000 })
    .toBe(1);

  await start();
  await expect
    .poll(async () => (await jobOf(request, job.id)).status, { timeout: 30_000 })
    .toBe('published');
  const posts = await publishedPosts(request);
  expect(posts).toHaveLength(1);
  expect((await jobOf(request, job.id)).mediaId).toBe(posts[0]!.id);
  expect(
    await emulator.count(request, 'POST /{ig-user-id}/media_publish'),
    'media_publish sent once',
  ).toBe(1);
});

test('killed right after the 202, and again while creating containers: the restarts wait for the media URLs and publish once', async ({
  request,
}) => {
  await start();
  // Container creation is slow, so the second kill lands while it is under way.
  await emulator.addFault(request, { route: 'POST /{ig-user-id}/media', delayMs: 2000, times: 0 });
  const job = await submit(request, {
    kind: 'carousel',
    fit: 'crop',
    caption: 'Crash test while creating containers',
    items: [guest('doors.jpg'), guest('band.jpg')],
  });
  await kill(server!);

  // The restart resumes the job once the server listens (its media URLs are on this server).
  await start();
  await expect
    .poll(async () => (await jobOf(request, job.id)).phase, { timeout: 15_000, intervals: [50] })
    .toBe('creating_containers');
  await kill(server!);

  expect((await request.delete(`${EMULATOR_URL}/__control/faults`)).ok()).toBe(true);
  await start();
  await expect
    .poll(async () => (await jobOf(request, job.id)).status, { timeout: 30_000 })
    .toBe('published');
  const posts = await publishedPosts(request);
  expect(posts).toHaveLength(1);
  expect(posts[0]!.children).toHaveLength(2);
  expect((await jobOf(request, job.id)).mediaId).toBe(posts[0]!.id);
});

// ---------------------------------------------------------------- helpers

const guest = (name: string) => ({ source: { type: 'guest', eventId: '2026-04-29', name } });

async function start(): Promise<void> {
  server = spawn(NODE, ['scripts/serve.ts'], {
    cwd: ROOT,
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  await expect
    .poll(async () => (await fetch(`${URL_}/admin/login`).catch(() => undefined))?.status, {
      timeout: 20_000,
      message: output,
    })
    .toBe(200);
}

async function kill(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

async function submit(request: APIRequestContext, body: Record<string, unknown>): Promise<JobView> {
  const response = await request.post(`${URL_}/api/publish`, {
    headers: BEARER,
    data: { account: NORTHLIGHT.userId, idempotencyKey: crypto.randomUUID(), ...body },
  });
  expect(response.status(), await response.text()).toBe(202);
  return ((await response.json()) as { job: JobView }).job;
}

/** The job from the running server, or straight from the state db when the server is down. */
async function jobOf(request: APIRequestContext, id: string, viaServer = true): Promise<JobView> {
  if (!viaServer) {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(ENV.STATE_DB_PATH, { readOnly: true });
    try {
      const row = db.prepare('SELECT job FROM publish_jobs WHERE id = ?').get(id) as {
        job: string;
      };
      return JSON.parse(row.job) as JobView;
    } finally {
      db.close();
    }
  }
  const response = await request.get(`${URL_}/api/publish/${id}`, { headers: BEARER });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { job: JobView }).job;
}
