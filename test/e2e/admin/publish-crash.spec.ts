/**
 * Crash safety of the real server process: `npm start`'s script is killed with SIGKILL in the
 * middle of a publish and started again on the same state db; every job must end published with
 * exactly one post in the emulator.
 *
 * This spec runs a server of its own (port 4400, or E2E_CRASH_PORT; its own state db) from the
 * build the e2e server uses, against an emulator of its own (the project `crash` in
 * playwright.config.ts), so it runs beside the other admin specs; the browser is not needed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { publishedPosts as postsOn } from './publish-support.ts';
import { BEARER, emulatorControl, NORTHLIGHT, ROOT } from './support.ts';
import { CRASH_EMULATOR_URL as EMULATOR_URL, serverEnv } from './server-env.ts';

// Every test starts the server two or three times: generous hang guards on a busy machine.
test.describe.configure({ mode: 'default', timeout: 300_000 });

const PORT = Number(process.env.E2E_CRASH_PORT ?? 4400);
const URL_ = `http://127.0.0.1:${PORT}`;
const STATE_DIR = path.join(ROOT, 'test-results/e2e-crash');
const ENV = {
  PATH: process.env.PATH ?? '',
  ...serverEnv(EMULATOR_URL),
  STATE_DB_PATH: path.join(STATE_DIR, 'state.db'),
  PUBLIC_BASE_URL: URL_,
  HOST: '127.0.0.1',
  PORT: String(PORT),
  // A restart takes the killed server's jobs over once their lease lapsed: 5 s here rather than
  // the default 30, so each restart resumes about as soon as before leases.
  IG_PUBLISH_LEASE_SECONDS: '5',
};
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const emulator = emulatorControl(EMULATOR_URL);
const publishedPosts = (request: APIRequestContext) => postsOn(request, EMULATOR_URL);

interface JobView {
  id: string;
  status: string;
  phase: string;
  mediaId?: string;
  permalink?: string;
  items: { containerId?: string }[];
}

/** How long a held request waits at the emulator: a kill lands well within it. */
const HOLD_MS = 60_000;
/**
 * A media_publish held this long is in flight when the server dies, and lands while the restart
 * still waits for it: within the runner's 60 s (`inFlightGraceMs`) after it was sent.
 */
const IN_FLIGHT_MS = 30_000;

let server: ChildProcess | undefined;
let output = '';

test.beforeEach(async ({ request }) => {
  output = '';
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
  const testInfo = test.info();
  if (server && server.exitCode === null && server.signalCode === null) await kill(server);
  if (testInfo.status !== testInfo.expectedStatus)
    await testInfo.attach('server output', { body: output, contentType: 'text/plain' });
  expect(output, 'no token in the server output').not.toMatch(/IGAA[A-Za-z0-9]{20}/);
});

// Each test kills the server at one point of a job (two for "twice"), starts it again on the same
// state db and expects the job published exactly once (see expectPublishedOnce). A point is held
// open by delaying the emulator's answer to the request made there (HOLD_MS: far longer than a
// kill takes, so the kill always lands inside it); the emulator still carries that request out,
// to nobody, after the process is gone, as Instagram would.

test('killed right after the 202: the restart resumes the queued job and publishes once', async ({
  request,
}) => {
  await start();
  await hold(request, 'GET /{ig-user-id}/content_publishing_limit');
  const job = await submit(request, {
    kind: 'carousel',
    fit: 'crop',
    caption: 'Crash right after the 202',
    items: [guest('doors.jpg'), guest('band.jpg')],
  });
  await kill(server!);
  expect(phaseAtDeath(job.id), 'the job had not begun').toBe('queued');

  await clearFaults(request);
  await start();
  await expectPublishedOnce(request, job.id, { children: 2 });
});

test('killed while creating containers: the restart makes them again and publishes once', async ({
  request,
}) => {
  await start();
  await hold(request, 'POST /{ig-user-id}/media', { times: 0 });
  const job = await submit(request, {
    kind: 'carousel',
    fit: 'crop',
    caption: 'Crash while creating containers',
    items: [guest('doors.jpg'), guest('band.jpg')],
  });
  await waitForRequests(request, 'POST /{ig-user-id}/media', 1);
  await kill(server!);
  expect(phaseAtDeath(job.id)).toBe('creating_containers');

  await clearFaults(request);
  await start();
  await expectPublishedOnce(request, job.id, { children: 2 });
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
    .poll(async () => (await jobOf(request, job.id)).phase, { timeout: 60_000, intervals: [50] })
    .toBe('processing_videos');
  expect(await emulator.count(request, 'POST /{ig-user-id}/media')).toBe(3);
  await kill(server!);

  await emulator.advanceClock(request, 11 * 60); // the video has finished processing meanwhile
  await start();
  await expectPublishedOnce(request, job.id, { children: 3 });
  expect(
    await emulator.count(request, 'POST /{ig-user-id}/media'),
    'three items and the carousel, none made twice',
  ).toBe(4);
});

test('killed while creating the carousel: the restart makes it again and publishes once', async ({
  request,
}) => {
  await start();
  await hold(request, 'POST /{ig-user-id}/media', { after: 2 }); // the two items go through
  const job = await submit(request, {
    kind: 'carousel',
    fit: 'crop',
    caption: 'Crash while creating the carousel',
    items: [guest('doors.jpg'), guest('band.jpg')],
  });
  await waitForRequests(request, 'POST /{ig-user-id}/media', 3);
  await kill(server!);
  expect(phaseAtDeath(job.id)).toBe('creating_carousel');

  await clearFaults(request);
  await start();
  await expectPublishedOnce(request, job.id, { children: 2 });
  expect(
    await emulator.count(request, 'POST /{ig-user-id}/media'),
    'the items kept, the carousel lost with the process made again',
  ).toBe(4);
});

test('killed with media_publish in flight: the restart waits for it to land and never publishes again', async ({
  request,
}) => {
  await start();
  await hold(request, 'POST /{ig-user-id}/media_publish', { ms: IN_FLIGHT_MS });
  const job = await submit(request, {
    kind: 'image',
    caption: 'Crash with media_publish in flight',
    items: [guest('doors.jpg')],
  });
  await waitForRequests(request, 'POST /{ig-user-id}/media_publish', 1);
  await kill(server!);
  expect(phaseAtDeath(job.id), 'the job was publishing when it died').toBe('publishing');

  // At once: the request may still be on its way to becoming a post.
  await start();
  await expectPublishedOnce(request, job.id);
});

test('killed right after media_publish was sent: the restart finds the post and never publishes again', async ({
  request,
}) => {
  await start();
  await hold(request, 'POST /{ig-user-id}/media_publish', { ms: IN_FLIGHT_MS });
  const job = await submit(request, {
    kind: 'image',
    caption: 'Crash test photo',
    items: [guest('doors.jpg')],
  });

  await waitForRequests(request, 'POST /{ig-user-id}/media_publish', 1);
  await kill(server!);
  expect(phaseAtDeath(job.id), 'the job was publishing when it died').toBe('publishing');
  await expect
    .poll(async () => (await publishedPosts(request)).length, { timeout: IN_FLIGHT_MS + 60_000 })
    .toBe(1);

  await start();
  await expect
    .poll(async () => (await jobOf(request, job.id)).status, { timeout: 60_000 })
    .toBe('published');
  const posts = await publishedPosts(request);
  expect(posts).toHaveLength(1);
  expect((await jobOf(request, job.id)).mediaId).toBe(posts[0]!.id);
  expect(
    await emulator.count(request, 'POST /{ig-user-id}/media_publish'),
    'media_publish sent once',
  ).toBe(1);
  await expectPublishedOnce(request, job.id);
});

test('killed after the media_publish answer was lost: the restart finds the post and never publishes again', async ({
  request,
}) => {
  await start();
  await emulator.addFault(request, {
    route: 'POST /{ig-user-id}/media_publish',
    dropResponse: true,
  });
  // After a lost answer the job reads the container (PUBLISHED), then looks the post up: held.
  await hold(request, 'GET /{ig-user-id}/media');
  const job = await submit(request, {
    kind: 'image',
    caption: 'Crash after the answer was lost',
    items: [guest('doors.jpg')],
  });
  await waitForRequests(request, 'GET /{ig-user-id}/media', 1);
  await kill(server!);
  const dead = jobAtDeath(job.id);
  expect(dead.phase).toBe('publishing');
  expect(dead.mediaId, 'the answer with the media id never came').toBeUndefined();
  expect(await publishedPosts(request)).toHaveLength(1);

  await clearFaults(request);
  await start();
  await expectPublishedOnce(request, job.id);
});

test('killed before the permalink was read: the restart keeps the media id and reads it', async ({
  request,
}) => {
  await start();
  await hold(request, 'GET /{media-id}');
  const job = await submit(request, {
    kind: 'image',
    caption: 'Crash before the permalink',
    items: [guest('doors.jpg')],
  });
  await waitForRequests(request, 'GET /{media-id}', 1);
  await kill(server!);
  const dead = jobAtDeath(job.id);
  expect(dead.phase).toBe('publishing');
  const [post] = await publishedPosts(request);
  expect(dead.mediaId, 'the media id was saved as soon as it came').toBe(post!.id);

  await clearFaults(request);
  await start();
  await expectPublishedOnce(request, job.id);
  expect(
    await emulator.count(request, 'GET /{ig-user-id}/media'),
    'the post was not searched for',
  ).toBe(0);
});

test('killed right after the 202, and again while creating containers: the restarts wait for the media URLs and publish once', async ({
  request,
}) => {
  await start();
  // Container creation is slow, so the second kill lands while it is under way.
  await hold(request, 'POST /{ig-user-id}/media', { times: 0 });
  const job = await submit(request, {
    kind: 'carousel',
    fit: 'crop',
    caption: 'Crash test while creating containers',
    items: [guest('doors.jpg'), guest('band.jpg')],
  });
  await kill(server!);
  const sentBefore = await emulator.count(request, 'POST /{ig-user-id}/media');

  // The restart resumes the job once the server listens (its media URLs are on this server).
  await start();
  await expect
    .poll(async () => (await jobOf(request, job.id)).phase, { timeout: 60_000, intervals: [50] })
    .toBe('creating_containers');
  await waitForRequests(request, 'POST /{ig-user-id}/media', sentBefore + 1);
  await kill(server!);

  await clearFaults(request);
  await start();
  await expect
    .poll(async () => (await jobOf(request, job.id)).status, { timeout: 60_000 })
    .toBe('published');
  const posts = await publishedPosts(request);
  expect(posts).toHaveLength(1);
  expect(posts[0]!.children).toHaveLength(2);
  expect((await jobOf(request, job.id)).mediaId).toBe(posts[0]!.id);
  await expectPublishedOnce(request, job.id, { children: 2 });
});

test('killed while creating the carousel, and again with media_publish in flight: one post', async ({
  request,
}) => {
  await start();
  await hold(request, 'POST /{ig-user-id}/media', { after: 2 });
  const job = await submit(request, {
    kind: 'carousel',
    fit: 'crop',
    caption: 'Crash twice in one job',
    items: [guest('doors.jpg'), guest('band.jpg')],
  });
  await waitForRequests(request, 'POST /{ig-user-id}/media', 3);
  await kill(server!);
  expect(phaseAtDeath(job.id)).toBe('creating_carousel');

  await clearFaults(request);
  await hold(request, 'POST /{ig-user-id}/media_publish', { ms: IN_FLIGHT_MS });
  await start();
  await waitForRequests(request, 'POST /{ig-user-id}/media_publish', 1);
  await kill(server!);
  expect(phaseAtDeath(job.id)).toBe('publishing');

  await start();
  await expectPublishedOnce(request, job.id, { children: 2 });
  expect(await emulator.count(request, 'POST /{ig-user-id}/media')).toBe(4);
});

// ---------------------------------------------------------------- helpers

const guest = (name: string) => ({ source: { type: 'guest', eventId: '2026-04-29', name } });

/**
 * The job ended published, with exactly one post and one `media_publish` on the emulator, its
 * media id and permalink those of the post, and no job of this server failed or left running.
 */
async function expectPublishedOnce(
  request: APIRequestContext,
  id: string,
  { children }: { children?: number } = {},
): Promise<void> {
  await expect
    .poll(async () => (await jobOf(request, id)).status, { timeout: 120_000 })
    .toBe('published');
  const posts = await publishedPosts(request);
  expect(posts, 'exactly one post').toHaveLength(1);
  if (children !== undefined) expect(posts[0]!.children).toHaveLength(children);
  const job = await jobOf(request, id);
  expect(job.mediaId).toBe(posts[0]!.id);
  expect(job.permalink).toBe(posts[0]!.permalink);
  expect(
    await emulator.count(request, 'POST /{ig-user-id}/media_publish'),
    'media_publish sent once',
  ).toBe(1);
  const list = await request.get(`${URL_}/api/publish`, { headers: BEARER });
  const { jobs } = (await list.json()) as { jobs: JobView[] };
  expect(
    jobs.map((j) => [j.id, j.status]),
    'no job failed or stuck',
  ).toEqual([[id, 'published']]);
}

/**
 * Holds the next request to `route` (`times`: that many, 0 = every one until cleared) for `ms`;
 * `after` lets that many through first.
 */
async function hold(
  request: APIRequestContext,
  route: string,
  { ms = HOLD_MS, times = 1, after = 0 }: { ms?: number; times?: number; after?: number } = {},
): Promise<void> {
  // Faults are taken in the order they were added: a fault with nothing to do lets requests by.
  if (after > 0) await emulator.addFault(request, { route, times: after });
  await emulator.addFault(request, { route, delayMs: ms, times });
}

async function clearFaults(request: APIRequestContext): Promise<void> {
  expect((await request.delete(`${EMULATOR_URL}/__control/faults`)).ok()).toBe(true);
}

/** Until `count` requests to `route` reached the emulator. */
async function waitForRequests(
  request: APIRequestContext,
  route: string,
  count: number,
): Promise<void> {
  await expect
    .poll(() => emulator.count(request, route), { timeout: 60_000, intervals: [20] })
    .toBeGreaterThanOrEqual(count);
}

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
      timeout: 60_000,
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

/** The job as the killed server left it, straight from the state db. */
function jobAtDeath(id: string): JobView {
  expect(server?.exitCode ?? server?.signalCode, 'the server is down').toBeTruthy();
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

const phaseAtDeath = (id: string): string => jobAtDeath(id).phase;

/** The job from the running server. */
async function jobOf(request: APIRequestContext, id: string): Promise<JobView> {
  const response = await request.get(`${URL_}/api/publish/${id}`, { headers: BEARER });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { job: JobView }).job;
}
