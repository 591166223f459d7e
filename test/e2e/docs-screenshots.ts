/**
 * The screenshots shown in README.md, taken by the specs that reach each screen. Every run keeps
 * them with the test's results; `npm run docs:screenshots` (UPDATE_DOCS_SCREENSHOTS=1) also writes
 * them to docs/screenshots/, so `npm test` never changes committed files.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Locator, type Page, type PageScreenshotOptions, test } from '@playwright/test';
import sharp from 'sharp';

export const DOCS_SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** Tag of the tests that take a docs screenshot: `playwright test --grep @docs`. */
export const DOCS_TAG = '@docs';

export async function docsScreenshot(
  page: Page,
  name: string,
  options: Pick<PageScreenshotOptions, 'fullPage' | 'clip'> = {},
): Promise<Buffer> {
  const info = test.info();
  const path = info.outputPath(`${name}.png`);
  const shot = await page.screenshot({ path, animations: 'disabled', caret: 'hide', ...options });
  await info.attach(name, { path, contentType: 'image/png' });
  if (process.env.UPDATE_DOCS_SCREENSHOTS) {
    await mkdir(DOCS_SCREENSHOTS, { recursive: true });
    // A palette PNG is a third of the size and looks the same at README scale.
    const small = await sharp(shot).png({ palette: true, effort: 10 }).toBuffer();
    await writeFile(join(DOCS_SCREENSHOTS, `${name}.png`), small);
  }
  return shot;
}

type Clip = NonNullable<PageScreenshotOptions['clip']>;

/** The part of the page from the top of `from` to the bottom of `to`, with a margin around. */
export async function regionOf(from: Locator, to: Locator, margin = 16): Promise<Clip> {
  const box = (locator: Locator) =>
    locator.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      return {
        left: rect.left + window.scrollX,
        right: rect.right + window.scrollX,
        top: rect.top + window.scrollY,
        bottom: rect.bottom + window.scrollY,
      };
    });
  const [first, last] = [await box(from), await box(to)];
  const x = Math.max(0, Math.floor(Math.min(first.left, last.left) - margin));
  const y = Math.max(0, Math.floor(first.top - margin));
  const right = Math.ceil(Math.max(first.right, last.right) + margin);
  return { x, y, width: right - x, height: Math.ceil(last.bottom + margin) - y };
}
