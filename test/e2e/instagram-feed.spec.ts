import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { devices, expect, type Page, test } from '@playwright/test';
import { readTimeline, ROOT } from './support.ts';

/** The demo account's 24 newest posts, newest first: what /instagram/ shows. */
function newestDemoPosts(count = 24): string[] {
  const seed = JSON.parse(
    readFileSync(join(ROOT, 'integration/emulator/seed/demo.json'), 'utf8'),
  ) as {
    accounts: { media: { id: string; timestamp: string }[] }[];
  };
  return seed.accounts[0]!.media.toSorted(
    (a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp),
  )
    .slice(0, count)
    .map((media) => media.id);
}

const slides = (page: Page) => page.locator('[data-gallery] a[data-pswp-width][data-pswp-height]');

test.describe('The Instagram page', () => {
  test('is linked from the index page', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: /Instagram posts/ }).click();
    await expect(page).toHaveURL(/\/instagram\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Instagram');
  });

  test("shows the account's 24 newest posts, newest first, each linked to Instagram", async ({
    page,
  }) => {
    const response = await page.goto('/instagram/');
    expect(response?.status()).toBe(200);
    const items = await readTimeline(page);
    expect(items.map((item) => item.id)).toEqual(newestDemoPosts());
    for (const [index, item] of items.entries()) {
      expect(item.source).toBe('instagram');
      expect(item.badges).toEqual(['Instagram']);
      expect(item.permalinks[0], `permalink of ${item.id}`).toMatch(
        /^https:\/\/www\.instagram\.com\/(p|reel|tv)\//,
      );
      if (index > 0)
        expect(Date.parse(item.at!)).toBeLessThanOrEqual(Date.parse(items[index - 1]!.at!));
    }
    // Posts outside every event window are there too, and there is no source filter.
    expect(items.some((item) => item.id === newestDemoPosts(1)[0])).toBe(true);
    await expect(page.locator('.ais-filter')).toHaveCount(0);
    await expect(page.locator('.notice')).toContainText(/Demo.*emulator/);
  });

  test('opens the lightbox on a photo, steps through the photos, and closes back to it', async ({
    page,
  }) => {
    await page.goto('/instagram/');
    const total = await slides(page).count();
    expect(total).toBeGreaterThan(20);
    const second = slides(page).nth(1);
    const href = await second.evaluate((a: HTMLAnchorElement) => a.href);
    await second.click();
    await expect(page.locator('.pswp')).toBeVisible();
    await expect(page.locator('.pswp__counter')).toHaveText(`2 / ${total}`);
    await expect(
      page.locator('.pswp__item[aria-hidden="false"] img.pswp__img:not(.pswp__img--placeholder)'),
    ).toHaveAttribute('src', href);
    await expect(page.locator('.pswp__bg')).toHaveCSS('opacity', '0.92');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.pswp__counter')).toHaveText(`3 / ${total}`);
    await page.keyboard.press('Escape');
    await expect(page.locator('.pswp')).toHaveCount(0);
    expect(new URL(page.url()).pathname).toBe('/instagram/');
  });
});

test.describe('The Instagram page without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('shows every post, and a photo link opens the image itself', async ({ page }) => {
    await page.goto('/instagram/');
    const items = page.locator('ol.ais-timeline > li');
    await expect(items).toHaveCount(24);
    let images = 0;
    for (const [index, item] of (await items.all()).entries()) {
      await item.scrollIntoViewIfNeeded();
      await expect(item).toBeVisible();
      expect(
        await item.locator('img, video, .ais-unavailable').count(),
        `post ${index} shows its media`,
      ).toBeGreaterThan(0);
      for (const img of await item.locator('img').all()) {
        await img.scrollIntoViewIfNeeded();
        await expect
          .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), {
            message: `image in post ${index} loads`,
          })
          .toBeGreaterThan(0);
        images++;
      }
    }
    expect(images).toBeGreaterThan(20);

    const link = slides(page).first();
    const href = await link.evaluate((a: HTMLAnchorElement) => a.href);
    await link.click();
    await expect(page).toHaveURL(href);
  });
});

test.describe('The Instagram page on a phone', () => {
  const { defaultBrowserType: _browser, ...pixel7 } = devices['Pixel 7'];
  test.use(pixel7);

  test('does not scroll sideways', async ({ page }) => {
    await page.goto('/instagram/');
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });

  test('fetches a video poster only once its video comes near the viewport', async ({ page }) => {
    const posters = new Set<string>();
    page.on('request', (request) => {
      if (/\/_astro\/.+\.webp$/.test(request.url())) posters.add(new URL(request.url()).pathname);
    });
    await page.goto('/instagram/');
    await page.waitForLoadState('networkidle');
    const lazy = page.locator('video[data-poster]');
    const waiting = await lazy.evaluateAll((videos) =>
      videos.map((video) => video.getAttribute('data-poster') ?? ''),
    );
    expect(
      waiting.length,
      'videos far below the first screen wait for their poster',
    ).toBeGreaterThan(3);
    for (const poster of waiting) expect(posters.has(poster), poster).toBe(false);
    const farthest = await lazy.last().elementHandle();
    const poster = await farthest!.getAttribute('data-poster');
    await farthest!.scrollIntoViewIfNeeded();
    await expect.poll(() => farthest!.getAttribute('poster')).toBe(poster);
    await expect.poll(() => posters.has(poster!)).toBe(true);
  });
});
