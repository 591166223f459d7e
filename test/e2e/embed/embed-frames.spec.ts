/**
 * The one-line snippet on another site (another localhost port), in Chromium: the iframe it
 * inserts shows the gallery or the feed, is as tall as its content and follows it, opens links
 * in new tabs; and a site not in the allowed origins cannot frame the pages at all.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { EMBED_HOST_PORT, EMBED_HOST_URL, SITE_URL } from '../admin/server-env.ts';
import { MAIN_EVENT } from '../support.ts';
import { hostPage, startHostSite, type HostSite } from './host-site.ts';

// One "other site" on a fixed port (the allowed origin the server was started with): the tests
// of this file run in order in one worker.
test.describe.configure({ mode: 'default' });

const PAGES = {
  '/event': hostPage({ event: MAIN_EVENT }),
  '/feed': hostPage({ feed: true }),
  '/both': hostPage({ event: MAIN_EVENT }, { feed: true }),
};
let allowed: HostSite;

test.beforeAll(async () => {
  allowed = await startHostSite(PAGES, EMBED_HOST_PORT);
  expect(allowed.origin).toBe(EMBED_HOST_URL);
});
test.afterAll(async () => allowed?.close());

test.beforeEach(async ({ context }) => {
  // Answered here: the browser must not reach the real instagram.com during tests.
  await context.route('https://www.instagram.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Instagram</title>' }),
  );
});

/** The iframe's own height and that of the document inside it (its content, and what it would scroll). */
async function heights(
  iframe: Locator,
): Promise<{ frame: number; content: number; scroll: number }> {
  const frame = (await iframe.boundingBox())!.height;
  const inner = await iframe
    .contentFrame()
    .locator('[data-ais-embed]')
    .evaluate((main) => ({
      content: main.getBoundingClientRect().height,
      scroll: document.documentElement.scrollHeight,
    }));
  return { frame, ...inner };
}

/** Waits until the iframe is as tall as its content (within 2 px) and returns that height. */
async function fitted(iframe: Locator, message: string): Promise<number> {
  let last = { frame: 0, content: -1, scroll: -1 };
  await expect
    .poll(
      async () => {
        last = await heights(iframe);
        const fits =
          Math.abs(last.frame - last.content) <= 2 && Math.abs(last.frame - last.scroll) <= 2;
        return fits ? 'fitted' : JSON.stringify(last);
      },
      { message, timeout: 15_000 },
    )
    .toBe('fitted');
  return last.frame;
}

async function galleryItemCount(page: Page): Promise<number> {
  const gallery = await page.context().newPage();
  await gallery.goto(`${SITE_URL}/g/${MAIN_EVENT}/`);
  const count = await gallery.locator('ol.ais-timeline > li').count();
  await gallery.close();
  return count;
}

test.describe('An event gallery embedded with the snippet', () => {
  test('appears in an iframe right after the script tag, showing every item of the gallery', async ({
    page,
  }) => {
    const expected = await galleryItemCount(page);
    expect(expected).toBeGreaterThan(5);
    await page.goto(`${allowed.origin}/event`);

    const iframe = page.locator(`script[data-ais-event="${MAIN_EVENT}"] + iframe`);
    await expect(iframe).toHaveCount(1);
    await expect(iframe).toHaveAttribute('loading', 'lazy');
    await expect(iframe).toHaveAttribute('title', /\S/);
    const src = new URL((await iframe.getAttribute('src'))!);
    expect(src.origin).toBe(SITE_URL);
    expect(src.pathname).toBe(`/embed/g/${MAIN_EVENT}/`);

    const items = iframe.contentFrame().locator('ol.ais-timeline > li');
    await expect(items).toHaveCount(expected);
    await expect(items.first()).toBeVisible();
    await expect(items.first().locator('img').first()).toBeVisible();
    // No site chrome: the frame holds the gallery and nothing else to see. Its one heading names
    // the document for screen readers and takes no room.
    await expect(iframe.contentFrame().locator('header, footer, nav')).toHaveCount(0);
    const heading = iframe.contentFrame().getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(/\S/);
    expect((await heading.boundingBox())?.width).toBeLessThanOrEqual(1);
  });

  test('is exactly as tall as its content, and follows it when the width or the filter changes', async ({
    page,
  }) => {
    await page.goto(`${allowed.origin}/event`);
    const iframe = page.locator('iframe');
    const wide = await fitted(iframe, 'at 1280 px');
    expect(wide, 'taller than the initial 600 px').toBeGreaterThan(700);

    await page.setViewportSize({ width: 420, height: 800 });
    const narrow = await fitted(iframe, 'at 420 px');
    expect(narrow, 'one column is taller than three').toBeGreaterThan(wide * 1.5);

    // Content that shrinks: the frame shrinks with it (its height is the content's, not its own scroll height).
    await iframe.contentFrame().locator('label', { hasText: 'Guests' }).click();
    const guestsOnly = await fitted(iframe, 'guests only');
    expect(guestsOnly).toBeLessThan(narrow - 200);
  });

  test('opens a photo in a new tab, leaving the page and the frame where they are', async ({
    page,
    context,
  }) => {
    await page.goto(`${allowed.origin}/event`);
    const frame = page.locator('iframe').contentFrame();
    const links = frame.locator('a[href]');
    await expect(links.first()).toBeVisible();
    const attributes = await links.evaluateAll((anchors) =>
      anchors.map((a) => ({ target: a.getAttribute('target'), rel: a.getAttribute('rel') })),
    );
    expect(attributes.length).toBeGreaterThan(5);
    for (const { target, rel } of attributes) {
      expect(target).toBe('_blank');
      expect(rel?.split(' ')).toContain('noopener');
    }

    const photo = frame.locator('a.ais-frame').first();
    const href = new URL((await photo.getAttribute('href'))!, SITE_URL).href;
    const [tab] = await Promise.all([
      context.waitForEvent('page', { timeout: 30_000 }),
      photo.click(),
    ]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(href);
    expect(await tab.evaluate(() => window.opener)).toBeNull();
    expect(page.url()).toBe(`${allowed.origin}/event`);
    // Not the gallery's lightbox inside the frame.
    await expect(frame.locator('.pswp')).toHaveCount(0);
    await expect(frame.locator('ol.ais-timeline')).toBeVisible();
  });
});

test.describe('The Instagram feed embedded with the snippet', () => {
  test('shows the newest posts, newest first, as tall as its content, with links in new tabs', async ({
    page,
    context,
    request,
  }) => {
    const feed = (await (await request.get(`${SITE_URL}/instagram/feed.json`)).json()) as {
      items: { id: string }[];
    };
    await page.goto(`${allowed.origin}/feed`);
    const iframe = page.locator('script[data-ais-feed] + iframe');
    await expect(iframe).toHaveAttribute('loading', 'lazy');
    expect(new URL((await iframe.getAttribute('src'))!).pathname).toBe('/embed/feed/');

    const items = iframe.contentFrame().locator('ol.ais-timeline > li');
    await expect(items).toHaveCount(feed.items.length);
    expect(feed.items.length).toBeGreaterThan(5);
    expect(feed.items.length).toBeLessThanOrEqual(24);
    await expect(items.first().locator('.ais-card')).toBeVisible();
    const times = await items.evaluateAll((lis) =>
      lis.map((li) => Date.parse(li.getAttribute('data-at') ?? '')),
    );
    expect(times).toEqual([...times].sort((a, b) => b - a));

    const wide = await fitted(iframe, 'feed at 1280 px');
    await page.setViewportSize({ width: 420, height: 800 });
    expect(await fitted(iframe, 'feed at 420 px')).toBeGreaterThan(wide * 1.5);

    const permalink = iframe.contentFrame().locator('a.ais-permalink').first();
    await expect(permalink).toHaveAttribute('target', '_blank');
    const [tab] = await Promise.all([
      context.waitForEvent('page', { timeout: 30_000 }),
      permalink.click(),
    ]);
    expect(tab.url()).toMatch(/^https:\/\/www\.instagram\.com\/(p|reel|tv)\//);
    expect(page.url()).toBe(`${allowed.origin}/feed`);
  });
});

test('two embeds on one page each get their own height', async ({ page }) => {
  await page.goto(`${allowed.origin}/both`);
  const gallery = page.locator('iframe[src*="/embed/g/"]');
  const feed = page.locator('iframe[src*="/embed/feed/"]');
  await expect(page.locator('iframe')).toHaveCount(2);
  expect(await gallery.getAttribute('id')).not.toBe(await feed.getAttribute('id'));
  await feed.scrollIntoViewIfNeeded(); // the frames load lazily
  const galleryHeight = await fitted(gallery, 'the gallery');
  const feedHeight = await fitted(feed, 'the feed');
  expect(
    Math.abs(galleryHeight - feedHeight),
    'different content, different heights',
  ).toBeGreaterThan(50);
});

test.describe('A site that is not among the allowed origins', () => {
  let other: HostSite;
  test.beforeAll(async () => {
    other = await startHostSite(PAGES);
  });
  test.afterAll(async () => other?.close());

  test('cannot frame the pages served by npm start: Chromium refuses them', async ({
    page,
    request,
  }) => {
    expect(other.origin).not.toBe(EMBED_HOST_URL);
    const policy = (await request.get(`${SITE_URL}/embed/g/${MAIN_EVENT}/`)).headers()[
      'content-security-policy'
    ];
    expect(policy).toBe(`frame-ancestors ${EMBED_HOST_URL}`);

    const refusals: string[] = [];
    page.on('console', (message) => refusals.push(message.text()));
    const embedResponse = page.waitForResponse((response) =>
      response.url().startsWith(`${SITE_URL}/embed/g/`),
    );
    await page.goto(`${other.origin}/event`);
    expect(
      (await embedResponse).status(),
      'the server answered; the browser refused to show it',
    ).toBe(200);

    const iframe = page.locator('iframe');
    await expect(iframe).toHaveCount(1);
    const frame = await (await iframe.elementHandle())!.contentFrame();
    await expect.poll(() => frame!.url()).not.toContain('/embed/g/');
    await expect(iframe.contentFrame().locator('ol.ais-timeline')).toHaveCount(0);
    await expect.poll(() => refusals.join('\n')).toContain('frame-ancestors');
    expect(
      (await iframe.boundingBox())!.height,
      'no height message: still the initial height',
    ).toBe(600);

    // The same page on the allowed origin is framed.
    await page.goto(`${allowed.origin}/event`);
    await expect(
      page.locator('iframe').contentFrame().locator('ol.ais-timeline > li').first(),
    ).toBeVisible();
  });
});
