/**
 * `npm run bench:embed`: the bytes a visitor's browser fetches for the reference site's
 * `/instagram/` page, a 24-item <InstagramFeed>, on a phone: the HTML, the CSS, the JavaScript
 * needed to show the posts (none: the page is checked with JavaScript off), the lightbox
 * enhancement counted on its own, and the images above the fold. Builds the site first
 * (`npm run build`; cached images make it fast after the first time).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { serveStatic } from '../harness/static-server.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const PAGE = process.env.BENCH_PAGE ?? '/instagram/';
const PHONE = { width: 390, height: 844 };

execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
const site = await serveStatic(path.join(ROOT, 'dist/client'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});

interface Fetched {
  url: string;
  type: string;
  bytes: number;
  gzip: number;
}

async function load(javaScriptEnabled: boolean): Promise<{ page: Page; fetched: Fetched[] }> {
  const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled });
  const page = await context.newPage();
  const fetched: Fetched[] = [];
  page.on('response', async (response) => {
    const body = await response.body().catch(() => undefined);
    if (body)
      fetched.push({
        url: response.url(),
        type: response.request().resourceType(),
        bytes: body.byteLength,
        gzip: gzipSync(body).byteLength,
      });
  });
  await page.goto(`${site.url}${PAGE}`, { waitUntil: 'networkidle' });
  return { page, fetched };
}

try {
  // Without JavaScript: what it takes to show the posts.
  const plain = await load(false);
  const posts = await plain.page.locator('[data-gallery] li').count();
  if (posts === 0) throw new Error(`${PAGE} shows no posts without JavaScript`);
  // Pictures in the first screen: images, and the posters of videos (a reel shows its poster).
  const aboveTheFold = new Set(
    await plain.page.locator('img, video').evaluateAll(
      (media, height) =>
        media
          .filter((element) => element.getBoundingClientRect().top < height)
          .map((element) =>
            element instanceof HTMLVideoElement
              ? element.poster
              : (element as HTMLImageElement).currentSrc,
          )
          .filter(Boolean),
      PHONE.height,
    ),
  );
  const sum = (list: Fetched[], key: 'bytes' | 'gzip' = 'bytes') =>
    list.reduce((total, item) => total + item[key], 0);
  const of = (list: Fetched[], type: string) => list.filter((item) => item.type === type);
  const requiredJs = of(plain.fetched, 'script');
  // With JavaScript: the lightbox's scripts are the only addition.
  const enhanced = await load(true);
  const lightbox = of(enhanced.fetched, 'script');
  const kb = (bytes: number) => +(bytes / 1024).toFixed(1);

  console.log(`\n${PAGE}: ${posts} posts, phone viewport ${PHONE.width}×${PHONE.height}\n`);
  console.table({
    HTML: {
      KB: kb(sum(of(plain.fetched, 'document'))),
      'KB gzip': kb(sum(of(plain.fetched, 'document'), 'gzip')),
      files: of(plain.fetched, 'document').length,
    },
    CSS: {
      KB: kb(sum(of(plain.fetched, 'stylesheet'))),
      'KB gzip': kb(sum(of(plain.fetched, 'stylesheet'), 'gzip')),
      files: of(plain.fetched, 'stylesheet').length,
    },
    'JS needed to show the posts': {
      KB: kb(sum(requiredJs)),
      'KB gzip': kb(sum(requiredJs, 'gzip')),
      files: requiredJs.length,
    },
    'JS of the lightbox (enhancement)': {
      KB: kb(sum(lightbox)),
      'KB gzip': kb(sum(lightbox, 'gzip')),
      files: lightbox.length,
    },
    'images above the fold (posters included)': {
      KB: kb(sum(plain.fetched.filter((item) => aboveTheFold.has(item.url)))),
      'KB gzip': '',
      files: aboveTheFold.size,
    },
    'all images fetched on load': {
      KB: kb(sum(of(plain.fetched, 'image'))),
      'KB gzip': '',
      files: of(plain.fetched, 'image').length,
    },
  });
  if (requiredJs.length > 0) throw new Error('The page fetched JavaScript with scripts disabled?');
} finally {
  await browser.close();
  await site.close();
}
