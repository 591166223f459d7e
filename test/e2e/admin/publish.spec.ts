/**
 * The publishing page, end to end: pick approved guest photos of an event, order them, write a
 * caption with live counts, publish through the emulator and watch the job's progress.
 *
 * Same rules as admin.spec.ts: one worker, in declaration order; `beforeEach` disconnects every
 * account and resets the emulator (which also drops its published posts).
 *
 * Logging in: admin.spec.ts ends by locking 127.0.0.1 out of the login form for 15 minutes, so
 * these tests log in from 127.0.0.3 (the limiter's own bucket for that address) and hand the
 * session cookie to the browser: the page then runs on a real session, with the same-origin
 * checks of cookie-authenticated requests.
 */
import { request as httpRequest } from 'node:http';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { assembleCaption, countCharacters } from '../../../integration/publish/prepare/caption.ts';
import { BEARER, connectAccount, disconnectAll, emulator, NORTHLIGHT } from './support.ts';
import { ADMIN_PASSWORD, EMULATOR_URL, SITE_URL } from './server-env.ts';

test.describe.configure({ mode: 'default' });

test.beforeEach(async ({ request }) => {
  await disconnectAll(request);
  await emulator.reset(request);
});

const EVENT = '2026-04-29';

interface PublishedPost {
  id: string;
  mediaType: string;
  caption?: string;
  permalink: string;
  children?: { id: string; mediaType: string }[];
}

test('publish a carousel of three guest photos and watch it go live', async ({ page, context, request }) => {
  await logInFromOtherAddress(context);
  await connectAccount(page, NORTHLIGHT);
  await page.getByRole('link', { name: 'Publish to Instagram' }).click();
  await expect(page.getByRole('heading', { name: 'Publish to Instagram', level: 1 })).toBeVisible();

  await page.getByLabel('Account').selectOption(NORTHLIGHT.userId);
  await page.getByLabel('Kind').selectOption('carousel');
  await page.getByLabel(/^Photos outside Instagram's shapes/).selectOption('crop');
  await chooseEvent(page, EVENT);
  for (const name of ['band.jpg', 'collection.jpg', 'confetti.jpg']) await page.getByLabel(`Add ${name}`).check();
  await expect(page.locator('legend', { hasText: 'Chosen' })).toHaveText('Chosen (3 of 10)');
  await expect(chosenNames(page)).toHaveText(['band.jpg', 'collection.jpg', 'confetti.jpg']);

  // Reorder with the keyboard: "Move down" on the first item.
  await page.getByRole('button', { name: 'Move down band.jpg' }).focus();
  await page.keyboard.press('Enter');
  await expect(chosenNames(page)).toHaveText(['collection.jpg', 'band.jpg', 'confetti.jpg']);
  // And with the mouse: drag the last item onto the first.
  await page.locator('#chosen li[data-name="confetti.jpg"]').dragTo(page.locator('#chosen li[data-name="collection.jpg"]'));
  await expect(chosenNames(page)).toHaveText(['confetti.jpg', 'collection.jpg', 'band.jpg']);
  await page.getByLabel('Alt text for band.jpg').fill('The band on stage');

  const text = 'Spring Launch at the Kühlhaus, thanks @northlight.events!';
  const hashtags = ['springlaunch', 'berlin'];
  const caption = assembleCaption(text, hashtags);
  await page.getByLabel('Caption', { exact: true }).fill(text);
  await page.getByLabel('Hashtags').fill(hashtags.join(', '));
  const counts = page.locator('#caption-counts');
  await expect(counts).toContainText(`${countCharacters(caption)} / 2200 characters`);
  await expect(counts).toContainText('2 / 30 hashtags');
  await expect(counts).toContainText('1 / 20 mentions');
  await expect(page.locator('#caption-preview')).toHaveText(caption);

  // Slow the emulator's container creation and publish a little, so every phase is on screen for a poll.
  await emulator.addFault(request, { route: 'POST /{ig-user-id}/media', delayMs: 1500, times: 4 });
  await emulator.addFault(request, { route: 'POST /{ig-user-id}/media_publish', delayMs: 1500 });

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const status = page.locator('#job-status');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toContainText(/Creating containers: \d of 5/, { timeout: 10_000 });
  await expect(status).toHaveText('Published: 5 of 5', { timeout: 30_000 });
  await expect(page.locator('#job-progress')).toHaveJSProperty('value', 5);

  const published = await publishedPosts(request);
  expect(published).toHaveLength(1);
  const [post] = published;
  expect(post!.mediaType).toBe('CAROUSEL_ALBUM');
  expect(post!.children).toHaveLength(3);
  expect(post!.caption).toBe(caption);

  const view = page.getByRole('link', { name: 'View on Instagram' });
  await expect(view).toHaveAttribute('href', post!.permalink);
  await expect(page.locator('#job-result')).toContainText(`Media id ${post!.id}`);

  // The history lists the job, published, with its permalink.
  const row = page.locator('#history tbody tr').first();
  await expect(row).toContainText('carousel');
  await expect(row).toContainText('Published');
  await expect(row.getByRole('link', { name: 'Permalink' })).toHaveAttribute('href', post!.permalink);
});

test('a caption over 2200 characters is refused with the API message, and nothing is published', async ({ page, context, request }) => {
  await logInFromOtherAddress(context);
  await connectAccount(page, NORTHLIGHT);
  await page.goto('/admin/publish');
  const jobsBefore = await jobCount(request);

  await page.getByLabel('Kind').selectOption('image');
  await chooseEvent(page, EVENT);
  await page.getByLabel('Add doors.jpg').check();
  await page.getByLabel('Caption', { exact: true }).fill('a'.repeat(2201));
  await expect(page.locator('#caption-counts')).toContainText('2201 / 2200 characters');

  const answer = page.waitForResponse((response) => response.url() === `${SITE_URL}/api/publish` && response.request().method() === 'POST');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const response = await answer;
  expect(response.status()).toBe(400);
  const { error } = (await response.json()) as { error: { message: string } };
  await expect(page.locator('#form-error')).toHaveText(error.message);
  await expect(page.locator('#form-error')).toBeVisible();
  await expect(page.locator('#job')).toBeHidden();

  expect(await jobCount(request)).toBe(jobsBefore);
  expect(await publishedPosts(request)).toEqual([]);
});

test('the sources and thumbnail routes answer approved photos only', async ({ request }) => {
  const sources = await request.get(`/api/publish/sources?event=${EVENT}`, { headers: BEARER });
  expect(sources.status()).toBe(200);
  const body = (await sources.json()) as { events: { id: string; title: string }[]; photos: { name: string }[] };
  expect(body.events.some((event) => event.id === EVENT)).toBe(true);
  const names = body.photos.map((photo) => photo.name);
  expect(names).toContain('doors.jpg');
  expect(names, 'a pending photo').not.toContain('waiting.jpg');

  const thumbnail = await request.get(`/api/publish/thumbnail?event=${EVENT}&name=doors.jpg`, { headers: BEARER });
  expect(thumbnail.status()).toBe(200);
  expect(thumbnail.headers()['content-type']).toBe('image/webp');
  for (const query of [`event=${EVENT}&name=waiting.jpg`, `event=${EVENT}&name=..%2F2026-03-28-night-run%2Fmoderation.yaml`, `event=..&name=2026-04-29%2Fdoors.jpg`]) {
    const refused = await request.get(`/api/publish/thumbnail?${query}`, { headers: BEARER });
    expect(refused.status(), query).toBe(404);
  }
  // Static segments win over /api/publish/[id].
  expect((await request.get('/api/publish/sources', { headers: BEARER })).status()).toBe(200);
  expect((await request.get('/api/publish/sources')).status()).toBe(401);
});

// ---------------------------------------------------------------- helpers

async function chooseEvent(page: Page, eventId: string): Promise<void> {
  const select = page.getByLabel('Event');
  if ((await select.inputValue()) === eventId) return;
  const loaded = page.waitForResponse((response) => response.url().includes(`/api/publish/sources?event=${eventId}`));
  await select.selectOption(eventId);
  await loaded;
}

function chosenNames(page: Page) {
  return page.locator('#chosen li .name');
}

async function publishedPosts(request: import('@playwright/test').APIRequestContext): Promise<PublishedPost[]> {
  const response = await request.get(`${EMULATOR_URL}/__control/published?userId=${NORTHLIGHT.userId}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: PublishedPost[] }).data;
}

async function jobCount(request: import('@playwright/test').APIRequestContext): Promise<number> {
  const response = await request.get('/api/publish', { headers: BEARER });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { jobs: unknown[] }).jobs.length;
}

/** Logs in with POST /api/admin/login from 127.0.0.3 and gives the browser the session cookie. */
async function logInFromOtherAddress(context: BrowserContext): Promise<void> {
  const cookies = await new Promise<string[]>((resolve, reject) => {
    const body = new URLSearchParams({ password: ADMIN_PASSWORD }).toString();
    const site = new URL(SITE_URL);
    const request = httpRequest(
      {
        host: site.hostname,
        port: site.port,
        path: '/api/admin/login',
        method: 'POST',
        localAddress: '127.0.0.3',
        agent: false,
        headers: { origin: SITE_URL, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        if ((response.statusCode ?? 0) >= 400) reject(new Error(`login answered ${response.statusCode}`));
        else resolve(response.headers['set-cookie'] ?? []);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
  expect(cookies.length, 'the login sets a session cookie').toBeGreaterThan(0);
  await context.addCookies(
    cookies.map((header) => {
      const [pair] = header.split(';');
      const index = pair!.indexOf('=');
      return { name: pair!.slice(0, index).trim(), value: pair!.slice(index + 1).trim(), url: SITE_URL };
    }),
  );
}
