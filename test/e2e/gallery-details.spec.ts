/**
 * What a visitor sees on a gallery card and in the lightbox: dates on other days, the zone as
 * people write it, the card's line wrapping cleanly at phone and desktop widths, captions in
 * the lightbox, a blocked video saying where it plays, and carousels of one shape.
 */
import { expect, type Page, test } from '@playwright/test';
import { MAIN_EVENT, seedMedia } from './support.ts';

const seed = seedMedia();
const SUMMER = '2026-06-20-summer-festival';
const NIGHT_RUN = '2026-03-28-night-run';
const item = (page: Page, id: string) => page.locator(`ol.ais-timeline > li[data-id="${id}"]`);

test.describe('A gallery card', () => {
  test('shows the date of an item from another day than the event’s first, the time alone on the first', async ({
    page,
  }) => {
    await page.goto(`/g/${MAIN_EVENT}/`);
    // The Spring Launch starts on Wednesday 29 April (Berlin); its "morning after" post is the 30th.
    const times = await page
      .locator('ol.ais-timeline > li time')
      .evaluateAll((all) => all.map((time) => [time.getAttribute('datetime'), time.textContent]));
    const berlinDay = (iso: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(iso));
    const later = times.filter(([iso]) => berlinDay(iso!) !== '2026-04-29');
    expect(later.length, 'the Spring Launch has an item on 30 April').toBeGreaterThan(0);
    for (const [iso, text] of later) expect(text, iso!).toMatch(/^Thu 30 Apr, \d\d:\d\d$/);
    for (const [iso, text] of times.filter(([iso]) => berlinDay(iso!) === '2026-04-29'))
      expect(text, iso!).toMatch(/^\d\d:\d\d$/);
  });

  test('names the event’s time zone as people write it', async ({ page }) => {
    await page.goto(`/g/${SUMMER}/`);
    await expect(page.locator('header time')).toHaveText(/\(EDT\)$/);
    await expect(page.locator('ol.ais-timeline time').first()).toHaveAttribute('title', /EDT$/);
    await page.goto(`/g/${NIGHT_RUN}/`);
    await expect(page.locator('header time')).toHaveText(/\(CEST\)$/);
  });

  for (const width of [320, 390, 700, 1024, 1440]) {
    test(`never starts a line with "·" and keeps the link on the line before it, ${width} px wide`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 900 });
      for (const event of [MAIN_EVENT, SUMMER]) {
        await page.goto(`/g/${event}/`);
        const lines = await page.locator('.ais-meta').evaluateAll((metas) =>
          metas.map((meta) => {
            const parts = [...meta.children].map((part) => part.getBoundingClientRect());
            // A line's first part sits at the painted left edge; the meta's box starts --_sep
            // further left, where a wrapped part's "·" is clipped (see Card.astro).
            const visibleLeft = parts[0]!.left;
            const startsLine = (index: number) =>
              index === 0 || parts[index]!.top >= parts[index - 1]!.bottom - 1;
            const separators = [...meta.querySelectorAll('.ais-sep')].map((sep) => {
              const part = sep.parentElement!;
              const index = [...meta.children].indexOf(part);
              const mark = sep.getBoundingClientRect();
              const name = part.querySelector('.ais-detail-text')!.getBoundingClientRect();
              return {
                text: part.textContent?.trim(),
                startsLine: startsLine(index),
                shown: mark.right > visibleLeft + 0.5,
                // The "·" on the same line box as its name, just before it.
                withName:
                  Math.abs(mark.top + mark.height / 2 - (name.top + name.height / 2)) < 2 &&
                  mark.right <= name.left + 1,
              };
            });
            const action = meta.querySelector('.ais-action');
            const before =
              action?.previousElementSibling ?? action?.parentElement?.querySelector('time');
            const sameLine = (a: DOMRect, b: DOMRect) => a.top < b.bottom && b.top < a.bottom;
            return {
              separators,
              action:
                action && before
                  ? {
                      text: action.textContent?.trim(),
                      sameLine: sameLine(
                        action.getBoundingClientRect(),
                        before.getBoundingClientRect(),
                      ),
                    }
                  : undefined,
            };
          }),
        );
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) {
          for (const sep of line.separators) {
            expect(sep.withName, `${event}: "·" beside "${sep.text}"`).toBe(true);
            // A part that starts a line has its "·" cut off; any other shows it.
            expect(sep.shown, `${event}: "${sep.text}" starts a line: ${sep.startsLine}`).toBe(
              !sep.startsLine,
            );
          }
          if (line.action)
            expect(line.action.sameLine, `${event}: "${line.action.text}" wrapped alone`).toBe(
              true,
            );
        }
        const separators = lines.flatMap((line) => line.separators);
        expect(separators.length, `${event}: cards with details`).toBeGreaterThan(0);
        // On a phone some detail wraps to the start of a line: the case that hides its "·".
        if (width <= 390)
          expect(
            separators.some((sep) => sep.startsLine),
            `${event}: a detail starts a line on a phone`,
          ).toBe(true);
      }
    });
  }
});

test.describe('The lightbox', () => {
  test('shows the post’s caption under the photo', async ({ page }) => {
    await page.goto(`/g/${MAIN_EVENT}/`);
    const card = page.locator('ol.ais-timeline > li:has(.ais-carousel)', {
      hasText: 'First look at the spring collection',
    });
    const caption = (await card.locator('[data-lightbox-caption]').textContent())!.trim();
    expect(caption).toContain('First look at the spring collection');
    await card.locator('a.ais-frame').first().click();
    await expect(page.locator('.pswp')).toBeVisible();
    await expect(page.locator('.ais-lightbox-caption')).toHaveText(caption);
    await expect(page.locator('.ais-lightbox-caption')).toBeVisible();
    // A guest photo without a caption has none. (PhotoSwipe takes keys once it has opened.)
    await expect(page.locator('.pswp__bg')).toHaveCSS('opacity', '0.92');
    await page.keyboard.press('Escape');
    await expect(page.locator('.pswp')).toHaveCount(0);
    await page
      .locator('li[data-source="guest"]:not(:has([data-lightbox-caption])) a.ais-frame')
      .first()
      .click();
    await expect(page.locator('.pswp')).toBeVisible();
    await expect(page.locator('.ais-lightbox-caption')).toBeHidden();
  });
});

test.describe('A copyright-blocked video', () => {
  test('says it plays only on Instagram, links there, and offers nothing that looks playable', async ({
    page,
  }) => {
    const blocked = [...seed.values()].find((media) => media.copyrightBlocked)!;
    await page.goto(`/g/${SUMMER}/`);
    const card = item(page, blocked.id);
    await expect(card).toContainText('This video can’t be played here.');
    await expect(card.getByRole('link', { name: 'Watch it on Instagram' })).toHaveAttribute(
      'href',
      /^https:\/\/www\.instagram\.com\/reel\//,
    );
    await expect(card.locator('video, img, a.ais-frame')).toHaveCount(0);
  });
});

test.describe('A carousel', () => {
  test('shows every item in the first item’s shape, whatever their own', async ({ page }) => {
    const mixed = [...seed.values()].filter(
      (media) => new Set(media.children?.map((child) => `${child.width}x${child.height}`)).size > 1,
    );
    expect(mixed.length, 'the demo has a carousel of mixed sizes').toBeGreaterThan(0);
    await page.goto(`/g/${MAIN_EVENT}/`);
    for (const media of mixed) {
      const first = media.children![0]!;
      const boxes = await item(page, media.id)
        .locator('.ais-slide')
        .evaluateAll((slides) =>
          slides.map((slide) => {
            const picture = slide.querySelector('img, video')!.getBoundingClientRect();
            const box = slide.getBoundingClientRect();
            return {
              slide: box.width / box.height,
              picture: picture.width / picture.height,
              height: box.height,
              pictureHeight: picture.height,
            };
          }),
        );
      expect(boxes).toHaveLength(media.children!.length);
      for (const box of boxes) {
        expect(box.slide).toBeCloseTo(first.width / first.height, 1);
        // The picture fills its slide: no gap under it.
        expect(box.picture).toBeCloseTo(box.slide, 1);
        expect(Math.abs(box.pictureHeight - box.height)).toBeLessThan(1);
      }
    }
  });
});
