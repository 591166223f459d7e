/**
 * The live gallery (/g/<id>/live) in Chromium, against the shared emulator and the shared build.
 *
 * Why a server process of its own (scripts/serve.ts over the shared build, like the moderation
 * spec's; the one build of its own is the "next build" the post must appear in): a live page needs an event whose window holds the present, and
 * the shared server's events are the repository's, all dated. This one runs in a temp working
 * directory whose event file is written around now, with IG_ACCESS_TOKEN of the shared emulator's
 * first account and a 2-second LIVE_TTL_SECONDS.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { GraphClient } from '../../../integration/graph/index.ts';
import { freePort } from '../../../harness/free-port.ts';
import { startMediaServer, type MediaServer } from '../../../harness/media-server.ts';
import { expectAccessible, expectNoSidewaysScroll } from '../page-checks.ts';
import { EMULATOR_URL, SERVER_ENV } from './server-env.ts';
import { buildAndServe } from './gallery-build.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

const GRAPH = `${EMULATOR_URL}/v26.0`;
let work: string;
let server: ServerProcess;
let media: MediaServer;
let token: string;
let userId: string;

/** `YYYY-MM-DDTHH:MM` in UTC. */
const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);

async function control<T>(pathname: string, body?: unknown): Promise<T> {
  const response = await fetch(`${EMULATOR_URL}/__control/${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  expect(response.ok, await response.clone().text()).toBe(true);
  return (await response.json()) as T;
}

test.beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'ais-live-e2e-'));
  media = await startMediaServer();
  ({ token } = await control<{ token: string }>('tokens', { kind: 'long' }));
  const me = (await (
    await fetch(`${GRAPH}/me?fields=user_id`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { user_id?: string; id: string };
  userId = me.user_id ?? me.id;
  // The window holds both clocks: the server's (is the event live?) and the emulator's (post times),
  // which an earlier spec may have moved.
  const emulatorNow = Date.parse((await control<{ now: string }>('clock')).now);
  const from = Math.min(Date.now(), emulatorNow) - 3_600_000;
  const to = Math.max(Date.now(), emulatorNow) + 7_200_000;
  const events = path.join(work, 'content/events');
  await mkdir(events, { recursive: true });
  await mkdir(path.join(work, 'content/guest-photos'));
  const window = 'window:\n  before: 0m\n  after: 0m\n';
  await writeFile(
    path.join(events, 'live-now.yaml'),
    `title: Live Now\ntimezone: UTC\nstart: ${local(from)}\nend: ${local(to)}\n${window}hashtags: [livenow]\n`,
  );
  const later = Math.max(Date.now(), emulatorNow) + 10 * 86_400_000;
  await writeFile(
    path.join(events, 'later.yaml'),
    `title: Later\ntimezone: UTC\nstart: ${local(later)}\nend: ${local(later + 3_600_000)}\n`,
  );
  await writeFile(
    path.join(events, 'hidden.yaml'),
    `title: Hidden\ntimezone: UTC\nstart: ${local(from)}\nend: ${local(to)}\nvisibility: private\n`,
  );
  server = await startServerProcess({
    cwd: work,
    port: await freePort(),
    env: {
      ...SERVER_ENV,
      STATE_DB_PATH: path.join(work, 'state/state.db'),
      IG_ACCESS_TOKEN: token,
      LIVE_TTL_SECONDS: '2',
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await media?.close();
  await rm(work, { recursive: true, force: true });
});

async function publish(caption: string): Promise<string> {
  const client = new GraphClient({ baseUrl: GRAPH, accessToken: token });
  try {
    const { id: container } = await client.post<{ id: string }>(`/${userId}/media`, {
      image_url: media.url('/square.jpg'),
      caption,
    });
    const { id } = await client.post<{ id: string }>(`/${userId}/media_publish`, {
      creation_id: container,
    });
    return id;
  } finally {
    await client.close();
  }
}

test('a post published during the window appears on /g/<id>/live without a rebuild, its picture through the server, and in the gallery of the next build', async ({
  page,
}) => {
  test.setTimeout(1_800_000); // the build at the end (a hang guard, not a speed check)
  const live = `${server.url}/g/live-now/live`;
  await page.goto(live);
  await expect(page.getByRole('heading', { level: 1, name: 'Live Now: live' })).toBeVisible();
  const caption = `Doors open, first song ${Date.now()} #livenow`;
  const id = await publish(caption);
  // Within the TTL (2 s): reloads until it is there; the poll's timeout is a hang guard only.
  await expect
    .poll(
      async () => {
        await page.reload();
        return page.locator(`[data-post="${id}"]`).count();
      },
      { timeout: 60_000, intervals: [500] },
    )
    .toBe(1);
  const post = page.locator(`[data-post="${id}"]`);
  await expect(post).toContainText('Doors open, first song');
  const picture = post.getByRole('img');
  await expect(picture).toHaveAttribute('src', new RegExp(`^/g/live-now/live/media/${id}$`));
  await expect
    .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  for (const size of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    await expectAccessible(page);
    await expectNoSidewaysScroll(page);
  }
  // No Instagram CDN URL (the emulator's /cdn/ links) anywhere in the page's HTML.
  const html = await (await fetch(live)).text();
  expect(html).toContain(id);
  expect(html).not.toContain(EMULATOR_URL);
  expect(html).not.toMatch(/\/cdn\/|oe=|oh=/);

  // "In the gallery after the next build": a build of the site with these events (as
  // publish.spec.ts does) has the post on the event's gallery page, its picture re-hosted.
  const gallery = await buildAndServe(path.join(work, 'content'), {
    INSTAGRAM_GRAPH_BASE: GRAPH,
    IG_ACCESS_TOKEN: token,
    IG_TOKEN_ENCRYPTION_KEY: SERVER_ENV.IG_TOKEN_ENCRYPTION_KEY!,
    STATE_DB_PATH: path.join(work, 'build-state/state.db'),
  });
  try {
    expect(gallery.code, gallery.output).toBe(0);
    await page.goto(`${gallery.url}/g/live-now/`);
    const built = page.locator(`li[data-source="instagram"][data-id="${id}"]`);
    await expect(built).toContainText(caption.split(' #')[0]!);
    const picture = built.locator('img').first();
    await picture.scrollIntoViewIfNeeded();
    await expect
      .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await picture.getAttribute('src')).not.toContain(EMULATOR_URL);
    await page.goto(`${gallery.url}/g/later/`);
    await expect(page.locator(`li[data-id="${id}"]`)).toHaveCount(0);
  } finally {
    await gallery.close();
  }
});

test('outside its window the live page sends visitors to the built gallery; a private or unknown event has none', async ({
  request,
}) => {
  const later = await request.get(`${server.url}/g/later/live`, { maxRedirects: 0 });
  expect(later.status()).toBe(307);
  expect(later.headers().location).toBe('/g/later/');
  expect((await request.get(`${server.url}/g/hidden/live`)).status()).toBe(404);
  expect((await request.get(`${server.url}/g/no-such-event/live`)).status()).toBe(404);
  const badItem = await request.get(`${server.url}/g/live-now/live/media/not-an-id`);
  expect(badItem.status()).toBe(400);
  expect(await badItem.text()).toMatch(/item/);
  const hiddenItem = await request.get(`${server.url}/g/hidden/live/media/17841400000000001`);
  expect(hiddenItem.status()).toBe(404);
});
