import { expect, test } from '@playwright/test';
import { demoEvents, EMPTY_EVENT, MAIN_EVENT, moderation, UNLISTED_EVENT } from './support.ts';

const events = demoEvents();
const publicEvents = events.filter((event) => event.visibility === 'public');

test.describe('The source filter', () => {
  test('shows only guest photos under "Guests", only posts under "Instagram", and everything under "All"', async ({
    page,
  }) => {
    await page.goto(`/g/${MAIN_EVENT}/`);
    const items = page.locator('ol.ais-timeline > li');
    const guests = page.locator('li[data-source="guest"]');
    const posts = page.locator('li[data-source="instagram"]');
    const total = await items.count();
    const guestCount = await guests.count();
    const postCount = await posts.count();
    expect(guestCount).toBe(moderation(MAIN_EVENT).approved.length);
    expect(postCount).toBeGreaterThan(0);
    await expect(page.locator('label', { hasText: 'All' })).toContainText(`(${total})`);
    await expect(page.locator('label', { hasText: 'Instagram' })).toContainText(`(${postCount})`);
    await expect(items.filter({ visible: true })).toHaveCount(total);

    await page.locator('label', { hasText: 'Guests' }).click();
    await expect(page.getByRole('radio', { name: /Guests/ })).toBeChecked();
    await expect(items.filter({ visible: true })).toHaveCount(guestCount);
    await expect(guests.filter({ visible: true })).toHaveCount(guestCount);

    await page.locator('label', { hasText: 'Instagram' }).click();
    await expect(page.getByRole('radio', { name: /Instagram/ })).toBeChecked();
    await expect(items.filter({ visible: true })).toHaveCount(postCount);
    await expect(posts.filter({ visible: true })).toHaveCount(postCount);

    await page.locator('label', { hasText: 'All' }).click();
    await expect(items.filter({ visible: true })).toHaveCount(total);
  });
});

test.describe('The index page', () => {
  test('lists every public event, newest first, and not the unlisted one', async ({
    page,
    request,
  }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    const hrefs = await page
      .locator('ul.events a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    expect([...hrefs].sort()).toEqual(publicEvents.map((event) => `/g/${event.id}/`).sort());
    expect(hrefs).not.toContain(`/g/${UNLISTED_EVENT}/`);
    await expect(
      page.getByText(events.find((event) => event.id === UNLISTED_EVENT)!.title),
    ).toHaveCount(0);

    // Each gallery states its start instant; the index is ordered by it, newest first.
    const starts: number[] = [];
    for (const href of hrefs) {
      const html = await (await request.get(href)).text();
      const start = /<header>[\s\S]*?<time datetime="([^"]+)"/.exec(html)?.[1];
      expect(start, `start time on ${href}`).toBeTruthy();
      starts.push(Date.parse(start!));
    }
    for (let index = 1; index < starts.length; index++) {
      expect(
        starts[index]!,
        `${hrefs[index]} is not newer than ${hrefs[index - 1]}`,
      ).toBeLessThanOrEqual(starts[index - 1]!);
    }
    // Titles are shown in the same order.
    const titles = await page.locator('ul.events .title').allTextContents();
    expect(titles).toEqual(
      hrefs.map((href) => events.find((event) => href === `/g/${event.id}/`)!.title),
    );
  });
});

test.describe('Gallery pages', () => {
  test('an unlisted gallery asks search engines not to index it; public ones do not', async ({
    page,
  }) => {
    await page.goto(`/g/${UNLISTED_EVENT}/`);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /^noindex/);
    await expect(page.locator('ol.ais-timeline > li').first()).toBeVisible();

    await page.goto(`/g/${MAIN_EVENT}/`);
    await expect(page.locator('meta[name="robots"][content*="noindex"]')).toHaveCount(0);
  });

  for (const event of events.filter((e) => e.id !== EMPTY_EVENT)) {
    test(`${event.title} has share metadata with an absolute image URL`, async ({
      page,
      request,
    }) => {
      await page.goto(`/g/${event.id}/`);
      await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
        'content',
        new RegExp(event.title),
      );
      await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute(
        'content',
        'summary_large_image',
      );
      const image = await page.locator('meta[property="og:image"]').getAttribute('content');
      expect(image).toMatch(/^https?:\/\//);
      const url = new URL(image!);
      const response = await request.get(url.pathname);
      expect(response.status(), image!).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^image\//);
      await expect(page.locator('meta[name="twitter:image"]')).toHaveAttribute('content', image!);
      const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
      expect(new URL(canonical!).pathname).toBe(`/g/${event.id}/`);
    });
  }

  test('an event without photos says there are none yet', async ({ page }) => {
    const response = await page.goto(`/g/${EMPTY_EVENT}/`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('.ais-gallery')).toContainText('No photos yet');
    await expect(page.locator('ol.ais-timeline')).toHaveCount(0);
    await expect(page.locator('.ais-filter')).toHaveCount(0);
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute(
      'content',
      /Winter Market/,
    );
    await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', /^summary/);
  });

  test('a gallery with Instagram posts says they come from the demo emulator', async ({ page }) => {
    await page.goto(`/g/${MAIN_EVENT}/`);
    await expect(page.locator('li[data-source="instagram"]').first()).toBeVisible();
    await expect(page.locator('.notice')).toBeVisible();
    await expect(page.locator('.notice')).toContainText(/Demo.*emulator/);
  });

  test('"View on Instagram" opens the post on instagram.com', async ({ page }) => {
    // Answered here: the browser must not reach the real instagram.com during tests.
    await page.route('https://www.instagram.com/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Instagram</title>' }),
    );
    await page.goto(`/g/${MAIN_EVENT}/`);
    const link = page.locator('a.ais-permalink').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^https:\/\/www\.instagram\.com\//);
    await link.click();
    await expect(page).toHaveURL(href!);
  });

  test("a guest photo's Download link downloads the photo the lightbox opens", async ({
    page,
    request,
  }) => {
    await page.goto(`/g/${MAIN_EVENT}/`);
    const items = page.locator('li[data-source="guest"]');
    const links = items.locator('a.ais-download');
    await expect(links).toHaveCount(moderation(MAIN_EVENT).approved.length);
    for (const item of await items.all()) {
      const link = item.locator('a.ais-download');
      await expect(link).toHaveText('Download');
      const name = await link.getAttribute('download');
      expect(name).toMatch(new RegExp(`^${MAIN_EVENT}-.+\\.webp$`));
      // One full-size re-encode serves both: no original upload is published.
      const href = await link.getAttribute('href');
      expect(href).toBe(await item.locator('a.ais-frame').getAttribute('href'));
      const response = await request.get(href!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('image/webp');
    }
    const first = links.first();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      first.click(),
    ]);
    expect(download.suggestedFilename()).toBe(await first.getAttribute('download'));
  });
});

test.describe('Unknown addresses', () => {
  for (const path of ['/no-such-page/', '/g/no-such-event/']) {
    test(`${path} gets the "not found" page with status 404`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
      await expect(page.getByRole('link', { name: /all event galleries/i })).toHaveAttribute(
        'href',
        '/',
      );
    });
  }
});

test.describe('The sitemap', () => {
  test('lists the index and every public gallery but not the unlisted one', async ({ request }) => {
    const index = await request.get('/sitemap-index.xml');
    expect(index.status()).toBe(200);
    expect(await index.text()).toContain('/sitemap-0.xml');

    const response = await request.get('/sitemap-0.xml');
    expect(response.status()).toBe(200);
    const locs = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map(
      (match) => new URL(match[1]!).pathname,
    );
    expect(locs).toContain('/');
    for (const event of publicEvents) expect(locs).toContain(`/g/${event.id}/`);
    expect(locs.some((loc) => loc.includes(UNLISTED_EVENT))).toBe(false);
    expect(locs.filter((loc) => loc.startsWith('/g/'))).toHaveLength(publicEvents.length);
  });
});
