import { expect, test } from '@playwright/test';
import { MAIN_EVENT, moderation, readTimeline } from './support.ts';

test.describe('Without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test.beforeEach(async ({ page }) => {
    const response = await page.goto(`/g/${MAIN_EVENT}/`);
    expect(response?.status()).toBe(200);
  });

  test('a gallery still shows every photo once it is scrolled into view', async ({ page }) => {
    const items = page.locator('ol.ais-timeline > li');
    const count = await items.count();
    expect(count).toBeGreaterThanOrEqual(moderation(MAIN_EVENT).approved.length);

    let images = 0;
    for (let index = 0; index < count; index++) {
      const item = items.nth(index);
      await item.scrollIntoViewIfNeeded();
      await expect(item).toBeVisible();
      const pictures = item.locator('img');
      // Without JavaScript a lazy-poster video is hidden and its <noscript> copy shows.
      const videos = item.locator('video:visible');
      expect(
        (await pictures.count()) + (await videos.count()),
        `item ${index} shows a photo or a video`,
      ).toBeGreaterThan(0);
      for (const img of await pictures.all()) {
        await img.scrollIntoViewIfNeeded();
        await expect(img).toBeVisible();
        await expect
          .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth), {
            message: `image in item ${index} loads`,
          })
          .toBeGreaterThan(0);
        images++;
      }
      for (const video of await videos.all()) {
        await expect(video).toBeVisible();
        await expect(video).toHaveAttribute('poster', /.+/);
      }
    }
    expect(images).toBeGreaterThan(0);
  });

  test('every photo links to a real image file', async ({ page, request }) => {
    const hrefs = await page
      .locator('a.ais-frame')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      const response = await request.get(href);
      expect(response.status(), href).toBe(200);
      expect(response.headers()['content-type'], href).toMatch(/^image\//);
      expect((await response.body()).length, href).toBeGreaterThan(1000);
    }
  });

  test('clicking a photo opens the image itself', async ({ page }) => {
    const link = page.locator('a.ais-frame').nth(1);
    const href = await link.evaluate((a: HTMLAnchorElement) => a.href);
    const [response] = await Promise.all([page.waitForResponse(href), link.click()]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^image\//);
    await expect(page).toHaveURL(href);
    await expect(page.locator('.pswp')).toHaveCount(0);
  });

  test('the source filter still works', async ({ page }) => {
    const guests = (await readTimeline(page)).filter((item) => item.source === 'guest').length;
    await page.locator('label', { hasText: 'Guests' }).click();
    await expect(page.getByRole('radio', { name: /Guests/ })).toBeChecked();
    await expect(page.locator('li[data-source="instagram"]').first()).toBeHidden();
    await expect(page.locator('ol.ais-timeline > li:visible')).toHaveCount(guests);
  });
});
