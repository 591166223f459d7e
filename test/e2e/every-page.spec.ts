/**
 * Every public page the build made (each `.html` under dist/client: the index, the galleries,
 * /instagram/, the embeds, the 404 page; two of the slideshows) and every event's upload page,
 * on a phone and a desktop: axe-core finds no violation, the page does not scroll sideways at 390 px, and a full-page
 * screenshot is kept under test-results/screenshots/<viewport>/.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { demoEvents, DIST_CLIENT, EMPTY_EVENT, MAIN_EVENT } from './support.ts';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  keepScreenshot,
  VIEWPORTS,
} from './page-checks.ts';

function builtPages(dir = DIST_CLIENT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return builtPages(path);
    if (!entry.name.endsWith('.html')) return [];
    return [`/${relative(DIST_CLIENT, path).replace(/(^|\/)index\.html$/, '$1')}`];
  });
}

// The slideshow pages are one template: the main event's (photos) and the empty one's stand for all.
const SLIDESHOWS = [MAIN_EVENT, EMPTY_EVENT].map((id) => `/g/${id}/slideshow/`);
const PAGES = [
  ...builtPages()
    .filter((page) => !page.endsWith('/slideshow/') || SLIDESHOWS.includes(page))
    .sort(),
  ...demoEvents().map((event) => `/g/${event.id}/upload`),
];

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} (${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport, deviceScaleFactor: 1, isMobile: viewport.name === 'phone' });
    for (const path of PAGES) {
      test(`${path}: no axe violation${viewport.name === 'phone' ? ', no sideways scroll' : ''}`, async ({
        page,
      }) => {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await page.waitForLoadState('load');
        await keepScreenshot(page, viewport.name, path);
        await expectAccessible(page);
        if (viewport.name === 'phone') await expectNoSidewaysScroll(page);
      });
    }
  });
}
