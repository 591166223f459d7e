import { readFileSync, statSync } from 'node:fs';
import { devices, expect, test } from '@playwright/test';
import { DOCS_TAG, docsScreenshot } from './docs-screenshots.ts';
import { demoEvents, MAIN_EVENT, scrollThrough, waitForImages } from './support.ts';

// defaultBrowserType can only be chosen per project; everything else applies here.
const { defaultBrowserType: _browser, ...pixel7 } = devices['Pixel 7'];

test.describe('On a phone', () => {
  test.use(pixel7);

  test('a gallery is saved as a full-page screenshot artifact', async ({ page }, testInfo) => {
    await page.goto(`/g/${MAIN_EVENT}/`);
    await scrollThrough(page);
    await waitForImages(page);
    await page.evaluate(() => window.scrollTo(0, 0));

    const path = testInfo.outputPath('gallery-phone.png');
    const shot = await page.screenshot({ path, fullPage: true });
    await testInfo.attach('gallery-phone', { path, contentType: 'image/png' });

    expect(statSync(path).size).toBe(shot.length);
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    const scale = pixel7.deviceScaleFactor;
    expect(
      Math.abs(width / scale - pixel7.viewport.width),
      'screenshot is phone-wide',
    ).toBeLessThanOrEqual(1);
    const pageHeight = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(pageHeight).toBeGreaterThan(pixel7.viewport.height);
    expect(
      Math.abs(height / scale - pageHeight),
      'screenshot covers the whole page',
    ).toBeLessThanOrEqual(2);
  });

  test('no page scrolls sideways', async ({ page }) => {
    const paths = [
      '/',
      '/this-page-does-not-exist/',
      ...demoEvents().map((event) => `/g/${event.id}/`),
    ];
    for (const path of paths) {
      await page.goto(path);
      await scrollThrough(page);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      expect(clientWidth, path).toBe(pixel7.viewport.width);
      expect(scrollWidth, `${path} is wider than the phone`).toBeLessThanOrEqual(clientWidth);
    }
  });

  test('the lightbox opens on a tap', async ({ page }) => {
    await page.goto(`/g/${MAIN_EVENT}/`);
    await page.locator('a.ais-frame').nth(1).tap();
    await expect(page.locator('.pswp')).toBeVisible();
    await expect(page.locator('.pswp__counter')).toHaveText(/^2 \/ \d+$/);
  });
});

// The README's phone: a common 390 × 844 screen, at one pixel per CSS pixel to keep the PNG small.
test.describe('On a 390 × 844 phone', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
  });

  test('a gallery is shown in the README', { tag: DOCS_TAG }, async ({ page }) => {
    await page.goto(`/g/${MAIN_EVENT}/`);
    await scrollThrough(page);
    await waitForImages(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = await docsScreenshot(page, 'gallery-phone');
    expect([shot.readUInt32BE(16), shot.readUInt32BE(20)]).toEqual([390, 844]);
  });
});
