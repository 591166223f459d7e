/**
 * Private galleries (`visibility: private`) on the shared demo build and server: nothing of the
 * demo's private event is in dist/client; its page, photos and feed are refused without a key,
 * open with its password and with a link made in /admin/private, and refuse an expired or
 * altered link with a page that says what to do; wrong tries are rate-limited per client. The
 * tests run in order: the last one locks this client (127.0.0.1) out of private galleries.
 */
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type APIRequestContext, expect, test } from '@playwright/test';
import sharp from 'sharp';
import { signAccessKey } from '../../integration/server/private-access-key.ts';
import { loadTokenKeys } from '../../integration/store/index.ts';
import { BEARER } from './admin/support.ts';
import { unzip } from '../helpers/unzip.ts';
import { expectAccessible, expectNoSidewaysScroll } from './page-checks.ts';
import { SERVER_ENV, SITE_URL } from './admin/server-env.ts';
import { DIST_CLIENT, moderation, PRIVATE_EVENT, PRIVATE_PASSWORD, ROOT } from './support.ts';

test.describe.configure({ mode: 'serial' });

const TITLE = 'Board Dinner';
const PHOTOS = moderation(PRIVATE_EVENT).approved;
const WIDTHS = [480, 960, 1440, 2048];
const FORM = { origin: SITE_URL, 'content-type': 'application/x-www-form-urlencoded' };

/** The key the server signs links with: derived from its token key as services.ts does. */
function serverLinkKey(): Buffer {
  const keys = loadTokenKeys(SERVER_ENV);
  return createHmac('sha256', keys.current)
    .update('astro-instagram-sync private gallery links')
    .digest();
}

async function logInWithPassword(request: APIRequestContext) {
  const answer = await request.post(`/g/${PRIVATE_EVENT}/`, {
    headers: FORM,
    data: `password=${encodeURIComponent(PRIVATE_PASSWORD)}`,
    maxRedirects: 0,
  });
  expect(answer.status(), await answer.text()).toBe(303);
}

/** Every file of the static output, decompressed when it is a precompressed twin. */
function staticFiles(dir = DIST_CLIENT): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return staticFiles(path);
    const raw = readFileSync(path);
    const bytes = path.endsWith('.br')
      ? brotliDecompressSync(raw)
      : path.endsWith('.gz')
        ? gunzipSync(raw)
        : raw;
    return [{ path: relative(ROOT, path), bytes }];
  });
}

test('dist/client holds nothing of the private event: no page, feed, photo bytes, re-encode, name or URL', async ({
  request,
}) => {
  expect(PHOTOS.length, 'the demo private event has approved photos').toBeGreaterThanOrEqual(2);
  await logInWithPassword(request);
  const needles: { what: string; bytes: Buffer }[] = [
    { what: 'the event id', bytes: Buffer.from(PRIVATE_EVENT) },
    { what: 'the event title', bytes: Buffer.from(TITLE) },
  ];
  for (const name of PHOTOS) {
    const source = readFileSync(join(ROOT, 'content/guest-photos', PRIVATE_EVENT, name));
    needles.push(
      { what: `${name}: its name`, bytes: Buffer.from(name.replace(/\.[^.]+$/, '')) },
      { what: `${name}: the source file`, bytes: source },
      // A slice too, in case a file held part of it (a copy cut short, a different container).
      { what: `${name}: 256 bytes of its image data`, bytes: source.subarray(-1024, -768) },
    );
    for (const width of WIDTHS) {
      const answer = await request.get(`/g/${PRIVATE_EVENT}/photos/${name}?w=${width}`);
      expect(answer.status(), `${name} at ${width}`).toBe(200);
      expect(answer.headers()['content-type']).toBe('image/webp');
      expect(answer.headers()['cache-control']).toContain('private');
      needles.push({ what: `${name}: the server's ${width} px WebP`, bytes: await answer.body() });
    }
  }
  const files = staticFiles();
  expect(files.length, 'the e2e server built the demo site').toBeGreaterThan(50);
  const names = [PRIVATE_EVENT, ...PHOTOS.map((name) => name.replace(/\.[^.]+$/, ''))];
  const found = files.flatMap(({ path, bytes }) => [
    ...needles
      .filter((needle) => bytes.includes(needle.bytes))
      .map(({ what }) => `${path}: ${what}`),
    ...names.filter((name) => path.includes(name)).map((name) => `${path}: named after ${name}`),
  ]);
  expect(found).toEqual([]);
});

test('the private event is in no listing: not on /, the sitemap, /instagram/ or the feeds', async ({
  request,
}) => {
  const sitemap = await (await request.get('/sitemap-0.xml')).text();
  expect(sitemap).toContain('/g/'); // the public galleries are there
  for (const path of ['/', '/instagram/', '/instagram/feed.json', '/sitemap-index.xml']) {
    const answer = await request.get(path);
    expect(answer.status(), path).toBe(200);
    const text = await answer.text();
    expect(text, path).not.toContain(PRIVATE_EVENT);
    expect(text, path).not.toContain(TITLE);
  }
  expect(sitemap).not.toContain(PRIVATE_EVENT);
  expect((await request.get(`/embed/g/${PRIVATE_EVENT}/`)).status()).toBe(404);
});

test('without a key the page says the gallery is private; its photos, feed and upload page are refused', async ({
  page,
}) => {
  const answer = await page.goto(`/g/${PRIVATE_EVENT}/`);
  expect(answer?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'This gallery is private' })).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
  await expect(page.locator('main')).not.toContainText(TITLE);
  expect(answer?.headers()['cache-control']).toContain('no-store');
  await expectAccessible(page);

  const photo = await page.request.get(`/g/${PRIVATE_EVENT}/photos/${PHOTOS[0]}?w=480`);
  expect(photo.status()).toBe(403);
  expect((await photo.json()).error.code).toBe('private_gallery');
  const feed = await page.request.get(`/g/${PRIVATE_EVENT}.json`);
  expect(feed.status()).toBe(403);
  const zip = await page.request.get(`/g/${PRIVATE_EVENT}/photos.zip`);
  expect(zip.status()).toBe(403);
  expect((await zip.json()).error.code).toBe('private_gallery');
  expect(await feed.text()).not.toContain(TITLE);
  const upload = await page.request.get(`/g/${PRIVATE_EVENT}/upload`, { maxRedirects: 0 });
  expect(upload.status()).toBe(303);
  expect(upload.headers().location).toBe(`/g/${PRIVATE_EVENT}/`);
  const start = await page.request.post(`/api/guest/${PRIVATE_EVENT}/uploads`, {
    headers: { origin: SITE_URL },
    data: { fileName: 'a.jpg', bytes: 10, contentType: 'image/jpeg' },
  });
  expect(start.status()).toBe(403);
  // A wrong password: the same page, saying so.
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Open the gallery' }).click();
  await expect(page.getByRole('alert')).toHaveText(/That password is not right/);
  await expectAccessible(page);
});

test('the password opens the gallery: its photos load, the lightbox opens, the feed lists them', async ({
  page,
}) => {
  await page.goto(`/g/${PRIVATE_EVENT}/`);
  await page.getByLabel('Password').fill(PRIVATE_PASSWORD);
  await page.getByRole('button', { name: 'Open the gallery' }).click();
  await expect(page).toHaveURL(`${SITE_URL}/g/${PRIVATE_EVENT}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  const photos = page.locator('li[data-source="guest"] img');
  await expect(photos).toHaveCount(PHOTOS.length);
  for (const img of await photos.all()) {
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBeGreaterThan(0);
    expect(await img.getAttribute('src')).toMatch(new RegExp(`^/g/${PRIVATE_EVENT}/photos/`));
  }
  // The brand's post made in the event's window is on its timeline too, rendered on demand.
  const post = page.locator('li[data-source="instagram"]');
  await expect(post).toHaveCount(1);
  const picture = post.locator('img').first();
  await picture.scrollIntoViewIfNeeded();
  await expect
    .poll(() => picture.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBeGreaterThan(0);
  await expectAccessible(page);
  await page.locator('li[data-source="guest"] a.ais-frame').first().click();
  await expect(page.locator('.pswp')).toHaveClass(/pswp--open/);
  // The lightbox shows the gated full-size photo.
  const slide = page.locator(
    '.pswp__item[aria-hidden="false"] img.pswp__img:not(.pswp__img--placeholder)',
  );
  await expect
    .poll(() => slide.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBeGreaterThan(0);
  await page.keyboard.press('Escape');
  await expect(page.locator('.pswp')).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);

  // Download all: the approved photos (re-encoded, no metadata) and the post, streamed behind the gate.
  const downloadAll = page.getByRole('link', { name: /^Download all/ });
  const files = Number((await downloadAll.textContent())?.match(/\((\d+) files?/)?.[1]);
  expect(files).toBeGreaterThan(PHOTOS.length);
  const [download] = await Promise.all([page.waitForEvent('download'), downloadAll.click()]);
  expect(download.suggestedFilename()).toBe(`${PRIVATE_EVENT}-photos.zip`);
  const zip = await unzip(readFileSync((await download.path()) ?? ''));
  expect(zip).toHaveLength(files);
  const photoFiles = zip.filter((entry) => !entry.name.includes('_instagram'));
  for (const name of PHOTOS) {
    const stem = `_${name.replace(/\.[^.]+$/, '')}.webp`;
    expect(
      photoFiles.map((entry) => entry.name).filter((file) => file.endsWith(stem)),
    ).toHaveLength(1);
  }
  for (const entry of photoFiles) {
    const meta = await sharp(entry.bytes).metadata();
    expect(meta.format, entry.name).toBe('webp');
    expect(meta.exif, entry.name).toBeUndefined();
  }

  const feed = await page.request.get(`/g/${PRIVATE_EVENT}.json`);
  expect(feed.status()).toBe(200);
  const items = (await feed.json()).items as { id: string; image: string }[];
  expect(items.filter((item) => item.id.startsWith('guest:')).map((item) => item.image)).toEqual(
    expect.arrayContaining(
      PHOTOS.map((name) => `${SITE_URL}/g/${PRIVATE_EVENT}/photos/${name}?w=2048`),
    ),
  );
});

test('a link made in /admin/private opens the gallery in another browser; an altered or expired one gets a clear page', async ({
  browser,
}) => {
  const staff = await browser.newContext({ extraHTTPHeaders: BEARER });
  const admin = await staff.newPage();
  await admin.goto('/admin/private');
  await admin.getByLabel('Event').selectOption({ label: TITLE });
  await admin.getByLabel('Works for').selectOption({ label: '1 day' });
  await admin.getByRole('button', { name: 'Make the link' }).click();
  const link = await admin.getByRole('textbox', { name: 'The link' }).inputValue();
  expect(link).toMatch(new RegExp(`^${SITE_URL}/g/${PRIVATE_EVENT}/\\?k=[\\w.-]+$`));
  await staff.close();

  const guest = await browser.newContext();
  const page = await guest.newPage();
  await page.goto(link);
  // The key leaves the address bar; the gallery is open.
  await expect(page).toHaveURL(`${SITE_URL}/g/${PRIVATE_EVENT}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  await expect(page.locator('li[data-source="guest"]')).toHaveCount(PHOTOS.length);
  await guest.close();

  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  const altered = `${link.slice(0, -1)}${link.endsWith('A') ? 'B' : 'A'}`;
  expect((await other.goto(altered))?.status()).toBe(403);
  await expect(other.getByRole('alert')).toHaveText(
    /This link is not valid.*Ask the host for a new link/,
  );
  const expired = signAccessKey(serverLinkKey(), {
    eventId: PRIVATE_EVENT,
    expiresAt: new Date(Date.now() - 60_000),
    kind: 'link',
  });
  expect((await other.goto(`/g/${PRIVATE_EVENT}/?k=${expired}`))?.status()).toBe(403);
  await expect(other.getByRole('alert')).toHaveText(
    /This link has expired\. Ask the host for a new link\./,
  );
  await expect(other.locator('li[data-source="guest"]')).toHaveCount(0);
  await stranger.close();
});

test('wrong passwords are rate-limited per client: a 429 with Retry-After and a page that says when to try again', async ({
  request,
  page,
}) => {
  await logInWithPassword(request); // a success forgets this client's earlier tries
  const wrong = () =>
    request.post(`/g/${PRIVATE_EVENT}/`, {
      headers: FORM,
      data: 'password=guess',
      maxRedirects: 0,
    });
  for (let i = 0; i < 10; i++) expect((await wrong()).status(), `try ${i + 1}`).toBe(403);
  const limited = await wrong();
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
  // The right password waits too, and the page says so.
  await page.goto(`/g/${PRIVATE_EVENT}/`);
  await page.getByLabel('Password').fill(PRIVATE_PASSWORD);
  await page.getByRole('button', { name: 'Open the gallery' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    /Too many wrong tries.*Try again in \d+ minutes?/,
  );
});
