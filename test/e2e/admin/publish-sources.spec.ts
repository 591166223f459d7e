/**
 * Publishing from every source the page offers: an Instagram post's photo, a staff upload and a
 * guest photo in one carousel; a reel from an uploaded video; a failed job put right with Retry.
 * Logs in from 127.0.0.4 (admin.spec.ts locks 127.0.0.1 out; see publish.spec.ts).
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import {
  chooseEvent,
  chosenNames,
  logInFromOtherAddress,
  publishedPosts,
} from './publish-support.ts';
import { BEARER, connectAccount, disconnectAll, emulator, NORTHLIGHT, ROOT } from './support.ts';
import { EMULATOR_URL, SITE_URL } from './server-env.ts';

test.describe.configure({ mode: 'default' });

const EVENT = '2026-04-29';

test.beforeEach(async ({ page, context, request }) => {
  await disconnectAll(request);
  await emulator.reset(request);
  await logInFromOtherAddress(context, '127.0.0.4');
  await connectAccount(page, NORTHLIGHT);
  await page.goto('/admin/publish');
  await page.getByLabel('Account').selectOption(NORTHLIGHT.userId);
});

test("a carousel of an Instagram post's photo, an uploaded photo and a guest photo", async ({
  page,
  request,
}) => {
  await page.getByLabel('Kind').selectOption('carousel');
  await page.getByLabel(/^Photos outside Instagram's shapes/).selectOption('crop');
  await chooseEvent(page, EVENT);

  // The account's posts in the event's window, carousel children one by one, as the API lists them.
  const listed = await request.get(
    `/api/publish/sources?event=${EVENT}&account=${NORTHLIGHT.userId}`,
    { headers: BEARER },
  );
  const { posts } = (await listed.json()) as { posts: { mediaId: string; mediaType: string }[] };
  expect(posts.length).toBeGreaterThan(0);
  await expect(page.locator('#posts li')).toHaveCount(posts.length);
  const firstPhoto = page.locator('#posts li[data-media-type="image"]').first();
  const thumbnail = firstPhoto.locator('img');
  await expect(thumbnail).toHaveAttribute('src', /^\/api\/publish\/thumbnail\?account=/);
  await expect
    .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  const instagramName = (await firstPhoto.getAttribute('data-name'))!;
  await firstPhoto.locator('input').check();

  // Two files at once: one photo, one text file pretending to be a JPEG.
  const photo = await sharp({
    create: { width: 1200, height: 1200, channels: 3, background: '#336699' },
  })
    .png()
    .toBuffer();
  await page.locator('#upload-files').setInputFiles([
    { name: 'stage.png', mimeType: 'image/png', buffer: photo },
    { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') },
  ]);
  await expect(page.locator('#upload-progress li[data-file="stage.png"]')).toContainText(
    'Uploaded',
  );
  await expect(page.locator('#upload-progress li[data-file="notes.jpg"]')).toContainText(
    'notes.jpg is not an image this server can read',
  );
  await expect(
    page.locator('#upload-progress li[data-file="stage.png"] progress'),
  ).toHaveJSProperty('value', photo.byteLength);

  await page.getByLabel('Add doors.jpg').check();
  await expect(chosenNames(page)).toHaveText([instagramName, 'stage.png', 'doors.jpg']);

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.locator('#job-status')).toHaveText('Published: 5 of 5', { timeout: 60_000 });
  const published = await publishedPosts(request);
  expect(published).toHaveLength(1);
  expect(published[0]!.children).toHaveLength(3);
  // Instagram fetched every item from this server (the post's photo re-hosted), and the page
  // never held an Instagram CDN URL.
  const { jobs } = (await (await request.get('/api/publish', { headers: BEARER })).json()) as {
    jobs: { items: { url: string }[] }[];
  };
  expect(
    jobs[0]!.items.map(
      (item) =>
        new URL(item.url).origin + new URL(item.url).pathname.replace(/[0-9a-f]{64}/, 'FILE'),
    ),
  ).toEqual(Array(3).fill(`${SITE_URL}/api/media/FILE.jpg`));
  const sources = await page
    .locator('img, video')
    .evaluateAll((nodes) => nodes.map((node) => (node as HTMLImageElement).src));
  expect(sources.filter((src) => src.startsWith(EMULATOR_URL))).toEqual([]);
});

test('a reel from an uploaded video, through the processing phase', async ({ page, request }) => {
  await request.post(`${EMULATOR_URL}/__control/publishing`, { data: { videoProcessingMs: 2500 } });
  await page.getByLabel('Kind').selectOption('reel');
  await chooseEvent(page, EVENT);
  await expect(page.getByLabel('Add doors.jpg'), 'a reel takes no photo').toBeDisabled();

  await page.locator('#upload-files').setInputFiles({
    name: 'teaser.mp4',
    mimeType: 'video/mp4',
    buffer: await readFile(`${ROOT}/test/fixtures/media/reel-4s.mp4`),
  });
  await expect(page.locator('#upload-progress li[data-file="teaser.mp4"]')).toContainText(
    'Uploaded',
  );
  await expect(chosenNames(page)).toHaveText(['teaser.mp4']);
  await expect(page.getByLabel('Alt text for teaser.mp4'), 'no alt text on a reel').toHaveCount(0);
  await page.getByLabel('Caption', { exact: true }).fill('Coming soon');

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const status = page.locator('#job-status');
  await expect(status).toContainText('Processing videos', { timeout: 60_000 });
  await expect(status).toHaveText('Published: 2 of 2', { timeout: 60_000 });
  expect(await publishedPosts(request)).toMatchObject([
    { mediaType: 'VIDEO', productType: 'REELS', caption: 'Coming soon' },
  ]);
});

test('a failed job shows what to do, and Retry publishes it once', async ({ page, request }) => {
  test.setTimeout(300_000); // the retry's 60 s in-flight wait (a hang guard)
  await page.getByLabel('Kind').selectOption('image');
  await chooseEvent(page, EVENT);
  await page.getByLabel('Add doors.jpg').check();
  await emulator.addFault(request, {
    route: 'POST /{ig-user-id}/media_publish',
    error: { code: 9, subcode: 2207042, message: 'Application request limit reached' },
  });

  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.locator('#job-status')).toContainText('Failed', { timeout: 60_000 });
  await expect(page.locator('#job-error-remedy')).toHaveText(
    'The account reached its limit of API posts for 24 hours; publish again after the window.',
  );
  await expect(page.locator('#history tbody tr').first()).toHaveAttribute('data-status', 'failed');
  expect(await publishedPosts(request)).toEqual([]);

  await page.locator('#job-error').getByRole('button', { name: 'Retry' }).click();
  // The retry waits until 60 s after the refused media_publish before sending it again (a request
  // of a dead process could still land), so this is a hang guard well past that.
  await expect(page.locator('#job-status')).toHaveText('Published: 2 of 2', { timeout: 180_000 });
  await expect(page.locator('#job-error')).toBeHidden();
  await expect(page.locator('#history tbody tr').first()).toHaveAttribute(
    'data-status',
    'published',
  );
  expect(await publishedPosts(request)).toHaveLength(1);
  expect(
    await emulator.count(request, 'POST /{ig-user-id}/media'),
    'the container was reused',
  ).toBe(1);
});

test("a late answer for the page's first event never replaces the event chosen after it", async ({
  page,
}) => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  await page.route('**/api/publish/sources?**', async (route) => {
    if (first) {
      first = false;
      await held;
    }
    await route.continue();
  });
  await page.goto('/admin/publish');
  const initial = await page.getByLabel('Event').inputValue();
  expect(initial).not.toBe(EVENT);
  await chooseEvent(page, EVENT);
  await expect(page.getByLabel('Add doors.jpg')).toBeVisible();
  const late = page.waitForResponse((response) =>
    response.url().includes(`sources?event=${initial}`),
  );
  release();
  await late;
  await expect(page.getByLabel('Add doors.jpg')).toBeVisible();
  await expect(page.locator('#photos li')).toHaveCount(await approvedCount(page, EVENT));
});

async function approvedCount(
  page: import('@playwright/test').Page,
  event: string,
): Promise<number> {
  const response = await page.request.get(`/api/publish/sources?event=${event}`, {
    headers: BEARER,
  });
  return ((await response.json()) as { photos: unknown[] }).photos.length;
}
