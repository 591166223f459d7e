import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import {
  builtFiles,
  demoEvents,
  DIST_CLIENT,
  MAIN_EVENT,
  scrollThrough,
  waitForImages,
} from './support.ts';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Every URL the browser asks for (pages, images, scripts, media, sockets, workers). */
function recordRequests(context: BrowserContext, page: Page): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  page.on('websocket', (socket) => urls.push(socket.url()));
  return urls;
}

function leavingLocalhost(urls: string[]): string[] {
  return urls.filter((url) => {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
    return !LOCAL_HOSTS.has(parsed.hostname);
  });
}

test.describe('No request leaves localhost', () => {
  test('while the index page loads and is scrolled', async ({ context, page }) => {
    const urls = recordRequests(context, page);
    await page.goto('/');
    await scrollThrough(page);
    await waitForImages(page);
    await page.waitForLoadState('networkidle');
    expect(
      urls.filter((url) => /\.(avif|webp|jpe?g|png)(\?|$)/.test(url)).length,
      'cover images were requested',
    ).toBeGreaterThan(0);
    expect(leavingLocalhost(urls)).toEqual([]);
  });

  test('while galleries load, are scrolled, play a video and open the lightbox', async ({
    context,
    page,
  }) => {
    const urls = recordRequests(context, page);
    for (const event of demoEvents()) {
      await page.goto(`/g/${event.id}/`);
      await scrollThrough(page);
      await waitForImages(page);
    }

    await page.goto(`/g/${MAIN_EVENT}/`);
    // The video: ask for its data as pressing play would.
    const video = page.locator('video').first();
    await video.scrollIntoViewIfNeeded();
    const videoRequest = page.waitForRequest((request) => /\.mp4(\?|$)/.test(request.url()));
    await video.evaluate((el: HTMLVideoElement) => {
      el.preload = 'auto';
      el.load();
    });
    await videoRequest;
    // The lightbox: its script, its full-size images.
    await page.locator('a.ais-frame').first().click();
    // Keys are only handled once the opening animation is over (backdrop at its full opacity).
    await expect(page.locator('.pswp__bg')).toHaveCSS('opacity', '0.92');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.pswp__counter')).toHaveText(/^2 \//);
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('.pswp__counter')).toHaveText(/^3 \//);
    await page.waitForLoadState('networkidle');

    expect(
      urls.some((url) => url.includes('photoswipe')),
      'the lightbox script was requested',
    ).toBe(true);
    expect(
      urls.filter((url) => /\/_astro\/.+\.(avif|webp|jpe?g)$/.test(url)).length,
    ).toBeGreaterThan(20);
    expect(leavingLocalhost(urls)).toEqual([]);
  });

  test('because the built pages point at no Instagram CDN or emulator URL', async ({ baseURL }) => {
    const files = builtFiles(/\.(html|xml|js|css|json|webmanifest)$/);
    expect(files.some((file) => file.endsWith('/g/2026-04-29/index.html'))).toBe(true);
    const site = new URL(baseURL!).origin;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const name = relative(DIST_CLIENT, file);
      expect(text, name).not.toMatch(/cdninstagram|fbcdn/i);
      expect(text, `${name}: emulator media URL`).not.toMatch(/https?:\/\/[^\s"'()<>]*\/cdn\//);
      if (!name.endsWith('.html')) continue;
      // In pages, absolute URLs are only the site's own (canonical, og:image) and Instagram permalinks.
      for (const [url] of text.matchAll(/\bhttps?:\/\/[^\s"'()<>]+/g)) {
        const allowed =
          url.startsWith(`${site}/`) || /^https:\/\/www\.instagram\.com\/(p|reel|tv)\//.test(url);
        expect(allowed, `${name}: unexpected absolute URL ${url}`).toBe(true);
      }
    }
  });
});
