import { expect, test } from '@playwright/test';
import { DOCS_TAG, docsScreenshot } from './docs-screenshots.ts';
import {
  demoEvents,
  EMPTY_EVENT,
  MAIN_EVENT,
  moderation,
  readTimeline,
  scrollThrough,
  seedMedia,
  type TimelineItem,
  waitForImages,
} from './support.ts';

const INSTAGRAM_PERMALINK = /^https:\/\/www\.instagram\.com\/(p|reel|tv)\/[\w-]+\/$/;
const seed = seedMedia();

test.describe('The Spring Launch gallery', () => {
  let items: TimelineItem[];

  test.beforeEach(async ({ page }) => {
    const response = await page.goto(`/g/${MAIN_EVENT}/`);
    expect(response?.status()).toBe(200);
    items = await readTimeline(page);
    expect(items.length).toBeGreaterThan(0);
  });

  test('shows one item per approved guest photo and none of the pending or rejected ones', async ({
    page,
  }) => {
    const { approved, hidden } = moderation(MAIN_EVENT);
    expect(approved.length).toBeGreaterThan(0);
    expect(hidden.length, 'the demo content has a photo awaiting moderation').toBeGreaterThan(0);

    const guests = items.filter((item) => item.source === 'guest');
    expect(guests).toHaveLength(approved.length);
    expect(guests.map((item) => item.id).sort()).toEqual(
      approved.map((name) => `${MAIN_EVENT}/${name}`).sort(),
    );

    const html = await page.content();
    for (const name of hidden) {
      const stem = name.replace(/\.[^.]+$/, '');
      expect(html, `${name} is not approved`).not.toContain(`${MAIN_EVENT}/${name}`);
      // Astro names its outputs /_astro/<stem>.<hash>[_<variant>].<ext>.
      expect(html, `${name} is not approved`).not.toMatch(
        new RegExp(
          `/${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[\\w-]+\\.(jpe?g|webp|avif|png)`,
        ),
      );
    }
  });

  test('lists guest photos and Instagram posts together, oldest first', async () => {
    expect(new Set(items.map((item) => item.source))).toEqual(new Set(['guest', 'instagram']));
    const times = items.map((item) => Date.parse(item.at ?? ''));
    for (const [index, time] of times.entries()) {
      expect(time, `data-at of item ${index}`).not.toBeNaN();
      if (index > 0)
        expect(
          time,
          `item ${index} (${items[index]!.id}) is not older than the one before`,
        ).toBeGreaterThanOrEqual(times[index - 1]!);
    }
    // The visible time is the same instant as the one the order is based on.
    for (const item of items) expect(Date.parse(item.time ?? '')).toBe(Date.parse(item.at!));
  });

  test('is shown on a desktop in the README', { tag: DOCS_TAG }, async ({ page }) => {
    await scrollThrough(page);
    await waitForImages(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = await docsScreenshot(page, 'gallery-desktop');
    expect(shot.readUInt32BE(16), 'the viewport width in pixels').toBe(page.viewportSize()!.width);
  });

  test('marks every item with a badge naming its source', async () => {
    for (const item of items) {
      expect(item.badges, `badge of ${item.id}`).toEqual([
        item.source === 'guest' ? 'Guest' : 'Instagram',
      ]);
    }
  });

  test('links every Instagram post to its permalink on instagram.com', async () => {
    const posts = items.filter((item) => item.source === 'instagram');
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(post.permalinks, `permalink of post ${post.id}`).toHaveLength(1);
      expect(post.permalinks[0]).toMatch(INSTAGRAM_PERMALINK);
    }
    const unique = new Set(posts.map((post) => post.permalinks[0]));
    expect(unique.size, 'each post links to its own permalink').toBe(posts.length);
  });

  test('gives every image a width and height so the page does not shift while loading', async ({
    page,
  }) => {
    const images = await page.locator('img').evaluateAll((imgs) =>
      imgs.map((img) => ({
        src: img.getAttribute('src'),
        width: img.getAttribute('width'),
        height: img.getAttribute('height'),
      })),
    );
    expect(images.length).toBeGreaterThanOrEqual(items.length - 1);
    for (const image of images) {
      expect(Number(image.width), `width of ${image.src}`).toBeGreaterThan(0);
      expect(Number(image.height), `height of ${image.src}`).toBeGreaterThan(0);
    }
    for (const item of items) {
      for (const video of item.videos) {
        expect(Number(video.width), `video width in ${item.id}`).toBeGreaterThan(0);
        expect(Number(video.height), `video height in ${item.id}`).toBeGreaterThan(0);
      }
    }
  });

  test('keeps all the photos of a carousel post together in one item', async ({ page }) => {
    const carousels = items.filter((item) => item.carousels.length > 0);
    expect(carousels.length, 'the Spring Launch has a carousel post').toBeGreaterThan(0);
    for (const item of carousels) {
      const children = seed.get(item.id!)?.children ?? [];
      expect(children.length, `seed children of ${item.id}`).toBeGreaterThan(1);
      expect(item.carousels).toEqual([
        { slides: children.length, label: `Carousel of ${children.length}` },
      ]);
      expect(item.text).toContain(`${children.length} items`);
      // No child shows up as a timeline item of its own.
      for (const child of children) expect(items.map((other) => other.id)).not.toContain(child.id);
    }
    // Each carousel is in exactly one <li>.
    await expect(page.locator('ol.ais-timeline > li:has(.ais-carousel)')).toHaveCount(
      carousels.length,
    );
    await expect(page.locator('.ais-carousel')).toHaveCount(carousels.length);
  });

  test('loads videos only on demand and shows a poster image meanwhile', async ({
    page,
    request,
  }) => {
    const videos = items.flatMap((item) => item.videos);
    expect(videos.length, 'the Spring Launch has a video post').toBeGreaterThan(0);
    for (const video of videos) {
      expect(video.preload).toBe('none');
      expect(video.poster).toBeTruthy();
      const poster = await request.get(video.poster!);
      expect(poster.status(), `poster ${video.poster}`).toBe(200);
      expect(poster.headers()['content-type']).toMatch(/^image\//);
      expect(video.sources.length).toBeGreaterThan(0);
      for (const src of video.sources)
        expect(new URL(src, page.url()).origin, 'video is served by the site').toBe(
          new URL(page.url()).origin,
        );
    }
  });
});

test.describe('Every gallery', () => {
  const events = demoEvents().filter((event) => event.id !== EMPTY_EVENT);

  for (const event of events.filter((e) => e.hasGuestFolder)) {
    test(`${event.title} shows exactly its approved guest photos`, async ({ page }) => {
      await page.goto(`/g/${event.id}/`);
      const { approved, hidden } = moderation(event.id);
      const guests = (await readTimeline(page)).filter((item) => item.source === 'guest');
      expect(guests.map((item) => item.id).sort()).toEqual(
        approved.map((name) => `${event.id}/${name}`).sort(),
      );
      const html = await page.content();
      for (const name of hidden)
        expect(html, `${name} is not approved`).not.toContain(`${event.id}/${name}`);
      // The "Guests" filter counts the same photos.
      await expect(page.locator('label', { hasText: 'Guests' })).toContainText(
        `(${approved.length})`,
      );
    });
  }

  test('renders each Instagram post as one item of its kind: a photo, a video or a whole carousel', async ({
    page,
  }) => {
    let carousels = 0;
    let videos = 0;
    for (const event of events) {
      await page.goto(`/g/${event.id}/`);
      const items = await readTimeline(page);
      for (let index = 1; index < items.length; index++) {
        expect(
          Date.parse(items[index]!.at!),
          `${event.id}: item ${index} in time order`,
        ).toBeGreaterThanOrEqual(Date.parse(items[index - 1]!.at!));
      }
      for (const item of items.filter((i) => i.source === 'instagram')) {
        const media = seed.get(item.id!);
        expect(media, `${event.id}: post ${item.id} is in the demo seed`).toBeDefined();
        expect(item.permalinks[0], `${event.id}: permalink of ${item.id}`).toMatch(
          INSTAGRAM_PERMALINK,
        );
        if (media!.mediaType === 'CAROUSEL_ALBUM') {
          carousels++;
          const count = media!.children!.length;
          expect(item.carousels, `${event.id}: carousel ${item.id}`).toEqual([
            { slides: count, label: `Carousel of ${count}` },
          ]);
          const childVideos = media!.children!.filter(
            (child) => child.mediaType === 'VIDEO',
          ).length;
          expect(item.videos, `${event.id}: videos in carousel ${item.id}`).toHaveLength(
            media!.copyrightBlocked ? 0 : childVideos,
          );
        } else {
          // A blocked video has no slide, only its "can't be played here".
          expect(item.slides, `${event.id}: post ${item.id} is a single slide`).toBe(
            media!.copyrightBlocked ? 0 : 1,
          );
          expect(item.carousels).toHaveLength(0);
          if (media!.mediaType === 'VIDEO' && !media!.copyrightBlocked)
            expect(item.videos).toHaveLength(1);
          if (media!.mediaType === 'IMAGE') expect(item.frames).toHaveLength(1);
        }
        for (const video of item.videos) {
          videos++;
          expect(video.preload, `${event.id}: video in ${item.id}`).toBe('none');
          expect(video.poster, `${event.id}: poster of video in ${item.id}`).toMatch(
            /^\/_astro\/.+\.(webp|jpe?g|avif)$/,
          );
        }
        for (const image of item.images) {
          expect(
            Number(image.width) > 0 && Number(image.height) > 0,
            `${event.id}: size of ${image.src}`,
          ).toBe(true);
        }
      }
    }
    expect(carousels, 'the demo has carousel posts').toBeGreaterThan(1);
    expect(videos, 'the demo has video posts').toBeGreaterThan(1);
  });

  test('shows a copyright-blocked Instagram video without a player, still linked to Instagram', async ({
    page,
  }) => {
    const blocked = [...seed.values()].filter((media) => media.copyrightBlocked);
    expect(blocked.length).toBeGreaterThan(0);
    await page.goto('/g/2026-06-20-summer-festival/');
    const items = await readTimeline(page);
    const shown = items.filter((item) => blocked.some((media) => media.id === item.id));
    expect(shown, 'the blocked reel falls in the Summer Festival window').toHaveLength(1);
    expect(shown[0]!.videos).toHaveLength(0);
    expect(shown[0]!.permalinks[0]).toMatch(INSTAGRAM_PERMALINK);
  });
});
