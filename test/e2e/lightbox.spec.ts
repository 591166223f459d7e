import { expect, type Page, test } from '@playwright/test';
import { MAIN_EVENT } from './support.ts';

const dialog = (page: Page) => page.locator('.pswp');
const counter = (page: Page) => page.locator('.pswp__counter');
/** The full-size image of the slide on screen (not the low-res placeholder). */
const currentImage = (page: Page) =>
  page.locator('.pswp__item[aria-hidden="false"] img.pswp__img:not(.pswp__img--placeholder)');

async function focusIsInDialog(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    Boolean(document.querySelector('.pswp')?.contains(document.activeElement)),
  );
}

/**
 * PhotoSwipe ignores arrow keys during its opening animation; it is over when the backdrop
 * reaches the bgOpacity set in Lightbox.astro.
 */
async function waitUntilOpened(page: Page) {
  await expect(dialog(page)).toBeVisible();
  await expect(page.locator('.pswp__bg')).toHaveCSS('opacity', '0.92');
}

async function openFirstPhotoWithKeyboard(page: Page) {
  const first = page.locator('a.ais-frame').first();
  await first.focus();
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog(page)).toBeVisible();
  await expect
    .poll(() => focusIsInDialog(page), { message: 'focus moves into the lightbox' })
    .toBe(true);
  await waitUntilOpened(page);
  return first;
}

test.describe('The lightbox', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto(`/g/${MAIN_EVENT}/`);
    await expect(page.locator('a.ais-frame').first()).toBeVisible();
  });

  test('is reached with Tab and opens as a dialog with focus inside when Enter is pressed', async ({
    page,
  }) => {
    // Tab from the source filter lands on the first photo.
    await page.getByRole('radio', { name: /All/ }).focus();
    await page.keyboard.press('Tab');
    const first = page.locator('a.ais-frame').first();
    await expect(first).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(dialog(page)).toHaveClass(/pswp--open/);
    await expect
      .poll(() => focusIsInDialog(page), { message: 'focus moves into the lightbox' })
      .toBe(true);
    // Enter opened the lightbox instead of following the link to the image file.
    expect(new URL(page.url()).pathname).toBe(`/g/${MAIN_EVENT}/`);

    const total = await page.locator('a.ais-frame').count();
    await expect(counter(page)).toHaveText(`1 / ${total}`);
    const firstHref = await first.evaluate((a: HTMLAnchorElement) => a.href);
    await expect(currentImage(page)).toHaveAttribute('src', firstHref);
  });

  test('moves to the next photo when the right arrow key is pressed', async ({ page }) => {
    await openFirstPhotoWithKeyboard(page);
    const hrefs = await page
      .locator('a.ais-frame')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    await expect(counter(page)).toHaveText(`1 / ${hrefs.length}`);
    await expect(currentImage(page)).toHaveAttribute('src', hrefs[0]!);

    await page.keyboard.press('ArrowRight');
    await expect(counter(page)).toHaveText(`2 / ${hrefs.length}`);
    await expect(currentImage(page)).toHaveAttribute('src', hrefs[1]!);
    await expect(currentImage(page)).toHaveJSProperty('complete', true);
    expect(
      await currentImage(page).evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0);

    await page.keyboard.press('ArrowLeft');
    await expect(counter(page)).toHaveText(`1 / ${hrefs.length}`);
  });

  test('keeps keyboard focus inside while it is open', async ({ page }) => {
    await openFirstPhotoWithKeyboard(page);
    await expect(dialog(page)).toHaveClass(/pswp--ui-visible/);
    for (let press = 0; press < 8; press++) {
      await page.keyboard.press('Tab');
      // Tabbing past the last button may briefly leave the document (to the browser UI), but
      // never to the page behind the dialog.
      const behind = await page.evaluate(() => {
        const active = document.activeElement;
        return active &&
          active !== document.body &&
          !document.querySelector('.pswp')?.contains(active)
          ? active.outerHTML.slice(0, 80)
          : null;
      });
      expect(behind, `Tab #${press + 1} moved focus behind the lightbox`).toBeNull();
    }
  });

  test('closes with Escape and gives focus back to the photo that opened it', async ({ page }) => {
    const opener = await openFirstPhotoWithKeyboard(page);
    await page.keyboard.press('ArrowRight');
    await expect(counter(page)).toHaveText(/^2 \//);

    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
    await expect(opener).toBeFocused();
    expect(new URL(page.url()).pathname).toBe(`/g/${MAIN_EVENT}/`);
  });

  test('opens the photo that was clicked', async ({ page }) => {
    const links = page.locator('a.ais-frame');
    const third = links.nth(2);
    const href = await third.evaluate((a: HTMLAnchorElement) => a.href);
    await third.click();
    await expect(dialog(page)).toBeVisible();
    await expect(counter(page)).toHaveText(`3 / ${await links.count()}`);
    await expect(currentImage(page)).toHaveAttribute('src', href);
  });

  test('stays closed when something other than a photo is clicked', async ({ page }) => {
    const targets = {
      'a caption': page.locator('.ais-caption').first(),
      'a source badge': page.locator('.ais-badge').first(),
      'a video': page.locator('video').first(),
      'the "Instagram" filter': page.locator('label', { hasText: 'Instagram' }),
    };
    for (const [what, target] of Object.entries(targets)) {
      await target.scrollIntoViewIfNeeded();
      await target.click();
      // Give the lazily loaded lightbox module time to open, if it is going to.
      await page.waitForTimeout(300);
      await expect(dialog(page), `clicking ${what} opened the lightbox`).toHaveCount(0);
    }
  });

  test('steps only through the photos the source filter shows', async ({ page }) => {
    await page.locator('label', { hasText: 'Guests' }).click();
    const visible = page.locator('li[data-source="guest"] a.ais-frame');
    const hrefs = await visible.evaluateAll((links) =>
      links.map((a) => (a as HTMLAnchorElement).href),
    );
    expect(hrefs.length).toBeGreaterThan(1);

    await visible.first().focus();
    await page.keyboard.press('Enter');
    await waitUntilOpened(page);
    await expect(counter(page)).toHaveText(`1 / ${hrefs.length}`);
    for (let index = 1; index < hrefs.length; index++) {
      await page.keyboard.press('ArrowRight');
      await expect(counter(page)).toHaveText(`${index + 1} / ${hrefs.length}`);
      await expect(currentImage(page)).toHaveAttribute('src', hrefs[index]!);
    }
  });
});
