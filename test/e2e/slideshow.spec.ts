/**
 * The live slideshow at /g/<id>/slideshow/ in Chromium: it fills the screen without scrolling
 * or layout shifts, the keyboard drives it, a photo approved while it runs appears without a
 * reload (on a server of its own, so the shared demo server is not changed), and two hours of
 * simulated time with 500 arrivals leave its DOM and JS heap where they were. Time is
 * Playwright's clock, paused before the page loads: every slide and poll runs when the test
 * says so.
 */
import sharp from 'sharp';
import { expect, test, type Page } from '@playwright/test';
import { layoutShiftScore, recordLayoutShifts } from '../../harness/layout-shift.ts';
import type { Slide } from '../../src/scripts/slideshow/playlist.ts';
import { POLL_MS, SLIDE_MS } from '../../src/scripts/slideshow/timing.ts';
import { startModerationSite } from './admin/moderation-site.ts';
import { ADMIN_API_TOKEN } from './admin/server-env.ts';
import { MAIN_EVENT } from './support.ts';

const T0 = new Date('2026-04-29T20:00:00Z').getTime();
const slideshow = (page: Page) => page.locator('#slideshow');
const shownImage = (page: Page) => page.locator('.slide.shown img');

/** The clock, paused before the page loads: nothing advances until the test runs it. */
async function pauseClock(page: Page): Promise<void> {
  await page.clock.install({ time: T0 });
  await page.clock.pauseAt(T0 + 1_000);
}

async function builtSlides(page: Page): Promise<Slide[]> {
  return JSON.parse((await page.locator('#slideshow-slides').textContent()) ?? '[]') as Slide[];
}

test('fills a 1920×1080 and a 1280×720 screen without scrolling, with the keys shown', async ({
  page,
}) => {
  // The gallery links to it, for the host, in small print under the photos.
  await page.goto(`/g/${MAIN_EVENT}/`);
  const link = page.getByRole('link', { name: 'Slideshow for a screen at the event' });
  await expect(link).toHaveAttribute('href', `/g/${MAIN_EVENT}/slideshow/`);
  await expect(page.locator('main > .host-links')).toBeVisible();

  await pauseClock(page);
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1280, height: 720 },
  ]) {
    await page.setViewportSize(viewport);
    await page.goto(`/g/${MAIN_EVENT}/slideshow`);
    await expect(shownImage(page)).toHaveJSProperty('complete', true);
    const sizes = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      stage: document.querySelector('#slideshow')?.getBoundingClientRect().toJSON(),
      image: document.querySelector('.slide.shown img')?.getBoundingClientRect().toJSON(),
    }));
    expect(sizes.scrollWidth, `${viewport.width}×${viewport.height}`).toBe(viewport.width);
    expect(sizes.scrollHeight, `${viewport.width}×${viewport.height}`).toBe(viewport.height);
    for (const box of [sizes.stage, sizes.image])
      expect(box).toMatchObject({ x: 0, y: 0, ...viewport });
    await expect(page.locator('.controls')).toContainText('Space pause');
    await expect(page.locator('.controls')).toContainText('F full screen');
    // Readable from across the room: the caption's text at least 20 CSS px.
    const fontSize = await page
      .locator('.slide.shown figcaption')
      .evaluate((caption) => Number.parseFloat(getComputedStyle(caption).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(20);
  }
  // The controls fade when idle, and come back with a key.
  await page.clock.runFor(10_000);
  await expect(page.locator('.controls')).toHaveCSS('opacity', '0');
  await page.keyboard.press('Shift');
  await expect(page.locator('.controls')).toHaveCSS('opacity', '1');
});

test('← and → change photos, Space pauses and resumes, F toggles full screen; nothing shifts', async ({
  page,
}) => {
  await recordLayoutShifts(page);
  await pauseClock(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  const polled = page.waitForResponse((answer) =>
    answer.url().endsWith(`/api/slideshow/${MAIN_EVENT}`),
  );
  await page.goto(`/g/${MAIN_EVENT}/slideshow/`);
  expect((await polled).status(), 'the server lists the approved photos').toBe(200);
  const slides = await builtSlides(page);
  expect(slides.length).toBeGreaterThan(3);
  const [first, second, third] = slides.map((slide) => slide.id);
  await expect(slideshow(page)).toHaveAttribute('data-slide', first!);

  await page.keyboard.press('ArrowRight');
  await expect(slideshow(page)).toHaveAttribute('data-slide', second!);
  await page.keyboard.press('ArrowRight');
  await expect(slideshow(page)).toHaveAttribute('data-slide', third!);
  await page.keyboard.press('ArrowLeft');
  await expect(slideshow(page)).toHaveAttribute('data-slide', second!);
  await expect(shownImage(page)).toHaveAttribute('src', slides[1]!.src);

  // Paused: three turns of the clock change nothing.
  await page.keyboard.press('Space');
  await expect(page.getByRole('status')).toHaveText('Paused');
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'true');
  await page.clock.runFor(SLIDE_MS * 3);
  await expect(slideshow(page)).toHaveAttribute('data-slide', second!);
  // Playing again: the next photo after one turn.
  await page.keyboard.press('Space');
  await expect(page.getByRole('status')).toBeHidden();
  await page.clock.runFor(SLIDE_MS);
  await expect(slideshow(page)).toHaveAttribute('data-slide', third!);

  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id)).toBe('slideshow');
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();

  const { score, shifts } = await layoutShiftScore(page);
  expect(score, `layout shifts: ${shifts.join(', ')}`).toBe(0);
});

test('without the server (a static host) it runs on the built photos', async ({ page }) => {
  let asked = 0;
  await page.route(`**/api/slideshow/${MAIN_EVENT}`, (route) => {
    asked += 1;
    return route.fulfill({ status: 404, body: 'Not found' });
  });
  await pauseClock(page);
  await page.goto(`/g/${MAIN_EVENT}/slideshow/`);
  const slides = await builtSlides(page);
  await expect.poll(() => asked).toBe(1);
  for (const slide of [...slides.slice(1), slides[0]!]) {
    await page.clock.runFor(SLIDE_MS);
    await expect(slideshow(page)).toHaveAttribute('data-slide', slide.id);
  }
  expect(asked, 'asked again every 20 s, none of it stopping the photos').toBeGreaterThan(1);
});

test('a photo approved while the slideshow runs appears within 60 s, without a reload; pending photos are never served', async ({
  page,
  request,
}) => {
  const site = await startModerationSite();
  try {
    await site.seed([
      {
        id: MAIN_EVENT,
        title: 'Spring Launch',
        timezone: 'Europe/Berlin',
        photos: [
          {
            name: 'late-arrival.jpg',
            uploader: 'Fay',
            caption: 'Just approved',
            uploadedAt: '2026-04-29T21:00:00Z',
          },
        ],
      },
    ]);
    const photoUrl = `${site.url}/api/slideshow/${MAIN_EVENT}/late-arrival.jpg`;
    expect((await request.get(photoUrl)).status(), 'a pending photo').toBe(404);

    await pauseClock(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    let polled = page.waitForResponse((answer) => answer.url().endsWith(`/${MAIN_EVENT}`));
    await page.goto(`${site.url}/g/${MAIN_EVENT}/slideshow/`);
    expect(await (await polled).json()).toEqual({ photos: [] });
    await page.evaluate(() => ((window as unknown as { loadedOnce: boolean }).loadedOnce = true));

    const approved = await request.post(`${site.url}/api/admin/moderation`, {
      headers: { authorization: `Bearer ${ADMIN_API_TOKEN}` },
      data: { action: 'approve', event: MAIN_EVENT, names: ['late-arrival.jpg'] },
    });
    expect(approved.status(), await approved.text()).toBe(200);

    // The next poll lists it; the next turn shows it: one poll interval and one slide, < 60 s.
    expect(POLL_MS + SLIDE_MS).toBeLessThanOrEqual(60_000);
    polled = page.waitForResponse((answer) => answer.url().endsWith(`/${MAIN_EVENT}`));
    await page.clock.runFor(POLL_MS);
    expect((await (await polled).json()).photos).toHaveLength(1);
    await page.clock.runFor(SLIDE_MS);
    await expect(slideshow(page)).toHaveAttribute(
      'data-slide',
      `guest:${MAIN_EVENT}/late-arrival.jpg`,
    );
    await expect(shownImage(page)).toHaveAttribute(
      'src',
      new RegExp(`^/api/slideshow/${MAIN_EVENT}/late-arrival\\.jpg\\?v=`),
    );
    await expect(shownImage(page)).toHaveJSProperty('naturalWidth', 640);
    await expect(page.locator('.slide.shown .caption')).toHaveText('Just approved');
    await expect(page.locator('.slide.shown .credit')).toHaveText('Fay');
    expect(
      await page.evaluate(() => (window as unknown as { loadedOnce?: boolean }).loadedOnce),
      'the same page, not reloaded',
    ).toBe(true);

    // Rejected again: the photo is no longer served.
    const rejected = await request.post(`${site.url}/api/admin/moderation`, {
      headers: { authorization: `Bearer ${ADMIN_API_TOKEN}` },
      data: { action: 'reject', event: MAIN_EVENT, names: ['late-arrival.jpg'] },
    });
    expect(rejected.status(), await rejected.text()).toBe(200);
    expect((await request.get(photoUrl)).status(), 'a rejected photo').toBe(404);
  } finally {
    await site.close();
  }
});

test('two hours with 500 arrivals: each shown within 60 s, and the DOM and JS heap do not grow', async ({
  page,
}) => {
  test.setTimeout(600_000); // a hang guard for 900 turns on a busy machine, not a speed check
  const HOURS_MS = 2 * 60 * 60 * 1000;
  const ARRIVALS = 500;
  const EVERY_MS = HOURS_MS / ARRIVALS;
  let now = 0; // simulated milliseconds since the page loaded
  const arrivalId = (n: number) => `guest:${MAIN_EVENT}/arrival-${n}.jpg`;
  const firstShown = new Map<string, number>();
  let onShown: (() => void) | undefined;

  // The server's list: the photos approved by now; each photo a small JPEG of its own.
  const tiny = await sharp({ create: { width: 64, height: 36, channels: 3, background: '#456' } })
    .jpeg()
    .toBuffer();
  await page.route(`**/api/slideshow/${MAIN_EVENT}`, (route) => {
    const count = Math.min(ARRIVALS, Math.floor(now / EVERY_MS));
    const photos = Array.from({ length: count }, (_, n) => ({
      id: arrivalId(n),
      src: `/slideshow-test/arrival-${n}.jpg`,
      caption: `Arrival ${n}`,
    }));
    return route.fulfill({ json: { photos } });
  });
  await page.route('**/slideshow-test/*', (route) =>
    route.fulfill({ body: tiny, contentType: 'image/jpeg' }),
  );
  // Every photo put on screen, at the simulated time it appeared.
  await page.exposeBinding('slideShown', (_source, id: string) => {
    if (!firstShown.has(id)) firstShown.set(id, now);
    onShown?.();
  });
  await page.addInitScript(() => {
    new MutationObserver((records) => {
      for (const record of records)
        (window as unknown as { slideShown: (id: string) => void }).slideShown(
          (record.target as HTMLElement).dataset.slide ?? '',
        );
    }).observe(document, { subtree: true, attributeFilter: ['data-slide'] });
  });
  // The list's answers, awaitable from the test: a poll finishes in the turn it was sent in,
  // however slow the machine (simulated time must not run on while the network answers).
  await page.addInitScript(() => {
    const w = window as unknown as { feedBusy: Promise<unknown> };
    const fetchNow = window.fetch.bind(window);
    w.feedBusy = Promise.resolve();
    window.fetch = (input, init) => {
      const answer = fetchNow(input, init);
      if (String(input).includes('/api/slideshow/'))
        w.feedBusy = answer.then((response) => response.clone().text()).catch(() => undefined);
      return answer;
    };
  });
  await recordLayoutShifts(page);
  await pauseClock(page);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(`/g/${MAIN_EVENT}/slideshow/`);

  /** One turn: the clock runs one slide's time, and the next photo is on screen. */
  async function turn(): Promise<void> {
    const shown = new Promise<void>((resolve) => (onShown = resolve));
    now += SLIDE_MS;
    await page.clock.runFor(SLIDE_MS);
    await page.evaluate(async () => {
      await (window as unknown as { feedBusy: Promise<unknown> }).feedBusy;
      // One real task more (not a timer: those are the clock's), for the list to be taken in.
      await new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          resolve();
        };
        channel.port2.postMessage(0);
      });
    });
    await Promise.race([
      shown,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no photo shown at ${now} ms`)), 30_000),
      ),
    ]);
  }

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? NaN;
    return {
      heap: metric('JSHeapUsedSize'),
      nodes: metric('Nodes'),
      listeners: metric('JSEventListeners'),
      elements: await page.evaluate(() => document.getElementsByTagName('*').length),
    };
  };

  for (let i = 0; i < 10; i++) await turn();
  const start = await measure();
  // From here on: a system fallback font (an emoji's) may still arrive just after the load and
  // move a caption's text once; what matters is that hours of photos move nothing.
  const shiftedBefore = (await layoutShiftScore(page)).score;
  while (now < HOURS_MS) await turn();
  // The last arrival came at the end: a few more turns to show it.
  for (let i = 0; i < 8; i++) await turn();
  const end = await measure();

  const late = Array.from({ length: ARRIVALS }, (_, n) => n).flatMap((n) => {
    const shownAt = firstShown.get(arrivalId(n));
    const waited = shownAt === undefined ? Infinity : shownAt - n * EVERY_MS;
    return waited <= 60_000 ? [] : [`arrival ${n}: ${waited} ms`];
  });
  expect(late, 'arrivals not shown within 60 s of their approval').toEqual([]);

  const report = JSON.stringify({ start, end });
  expect(end.elements, report).toBe(start.elements);
  expect(end.nodes, report).toBeLessThanOrEqual(start.nodes * 1.5);
  expect(end.listeners, report).toBeLessThanOrEqual(start.listeners * 1.5);
  // Generous: garbage collection is not exact, but 500 photos' worth of growth would show.
  expect(end.heap, report).toBeLessThan(start.heap * 2);
  const { score, shifts } = await layoutShiftScore(page);
  expect(score - shiftedBefore, `layout shifts: ${shifts.join(', ')}`).toBe(0);
});
