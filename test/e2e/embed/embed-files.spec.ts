import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { EMBED_HOST_URL } from '../admin/server-env.ts';
import { demoEvents, DIST_CLIENT, MAIN_EVENT, UNLISTED_EVENT } from '../support.ts';

test.describe('What the embed adds to the site', () => {
  test('/embed.js is JavaScript, under 2 KB gzipped', async ({ request }) => {
    const response = await request.get('/embed.js');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^text\/javascript/);
    const body = await response.body();
    expect(gzipSync(body, { level: 9 }).length).toBeLessThan(2048);
    expect(body.toString()).toContain('ais:height');
  });

  test('npm start sends frame-ancestors with the allowed origins on every embed page, and only there', async ({
    request,
  }) => {
    const pages = ['/embed/feed/', ...demoEvents().map((event) => `/embed/g/${event.id}/`)];
    for (const path of pages) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['content-security-policy'], path).toBe(
        `frame-ancestors ${EMBED_HOST_URL}`,
      );
    }
    for (const path of ['/', `/g/${demoEvents()[0]!.id}/`, '/embed.js']) {
      expect((await request.get(path)).headers()['content-security-policy'], path).toBeUndefined();
    }
  });

  test('the build writes the same rules into dist/client/_headers for static hosts', () => {
    const text = readFileSync(join(DIST_CLIENT, '_headers'), 'utf8');
    expect(text).toContain(
      `/embed/*\n  Content-Security-Policy: frame-ancestors ${EMBED_HOST_URL}\n`,
    );
    expect(text).toContain('/embed.js\n  Content-Type: text/javascript; charset=utf-8\n');
    for (const path of [
      '/instagram/feed.json',
      ...demoEvents().map((event) => `/g/${event.id}.json`),
    ]) {
      expect(text).toContain(
        `${path}\n  Content-Type: application/feed+json; charset=utf-8\n  Access-Control-Allow-Origin: *\n`,
      );
    }
  });

  test('embed pages of unlisted events ask search engines not to index them; public ones do not', async ({
    page,
  }) => {
    await page.goto(`/embed/g/${UNLISTED_EVENT}/`);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /^noindex/);
    await expect(page.locator('ol.ais-timeline > li').first()).toBeVisible();
    await page.goto(`/embed/g/${demoEvents().find((event) => event.visibility === 'public')!.id}/`);
    await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
  });

  test('no embed page is in the sitemap', async ({ request }) => {
    const sitemap = await (await request.get('/sitemap-0.xml')).text();
    expect(sitemap).toContain('<loc>');
    expect(sitemap).not.toContain('/embed/');
  });

  test('an embed page opened on its own shows the gallery on a transparent background', async ({
    page,
  }) => {
    await page.goto(`/embed/g/${MAIN_EVENT}/`);
    await expect(page.locator('ol.ais-timeline > li').first()).toBeVisible();
    expect(
      await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
    ).toBe('rgba(0, 0, 0, 0)');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
      'rgba(0, 0, 0, 0)',
    );
  });
});
