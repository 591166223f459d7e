/**
 * The admin layout as a person sees it: one navigation on every admin page with the current
 * page marked and the waiting guest photos counted, usable on a 390 px phone, and a login page
 * styled like the rest. Read-only on the shared server; pages are read with the bearer token,
 * not a login (admin.spec.ts ends by locking logins out).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { adminPages, BEARER, ROOT } from './support.ts';

const NAV = [
  'Accounts',
  'Publish',
  'Analytics',
  'Events',
  'Moderation',
  'Rebuilds',
  'Private',
  'Webhooks',
];
const NAV_PATHS = [
  '/admin',
  '/admin/publish',
  '/admin/analytics',
  '/admin/events',
  '/admin/moderation',
  '/admin/rebuilds',
  '/admin/private',
  '/admin/webhooks',
];
const nav = (page: Page) => page.getByRole('navigation', { name: 'Admin' });

/** Every event's waiting guest photos and tagged posts, as the moderation APIs list them. */
async function waitingItems(page: Page): Promise<{ photos: number; tagged: number }> {
  const events = readdirSync(join(ROOT, 'content/events'))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.replace(/\.yaml$/, ''));
  const total = { photos: 0, tagged: 0 };
  for (const event of events) {
    const response = await page.request.get(`/api/admin/moderation?event=${event}`, {
      headers: BEARER,
    });
    expect(response.status(), await response.text()).toBe(200);
    total.photos += ((await response.json()) as { photos: unknown[] }).photos.length;
    const tagged = await page.request.get(`/api/admin/moderation/tagged?event=${event}`, {
      headers: BEARER,
    });
    expect(tagged.status(), await tagged.text()).toBe(200);
    const { candidates } = (await tagged.json()) as { candidates: { status: string }[] };
    total.tagged += candidates.filter((candidate) => candidate.status === 'pending').length;
  }
  return total;
}

test('every admin page has the same navigation, with that page marked as the current one', async ({
  page,
}) => {
  await page.setExtraHTTPHeaders(BEARER);
  const pages = adminPages();
  expect(pages).toEqual(
    expect.arrayContaining([
      '/admin',
      '/admin/moderation',
      '/admin/publish',
      '/admin/rebuilds',
      '/admin/events',
      '/admin/events/2026-04-29',
      '/admin/events/2026-04-29/poster',
    ]),
  );
  for (const path of pages) {
    await page.goto(path);
    const links = nav(page).getByRole('link');
    await expect(links, path).toHaveText(NAV.map((label) => new RegExp(`^${label}\\b`)));
    // A page of the navigation is its current page; a deeper one (an event's report or poster)
    // marks the item of its section instead.
    const section = NAV_PATHS.includes(path)
      ? path
      : NAV_PATHS.find((href) => href !== '/admin' && path.startsWith(`${href}/`));
    expect(section, `${path} belongs to an item of the navigation`).toBeDefined();
    const current = nav(page).locator('[aria-current]');
    await expect(current, `${path}: one current item`).toHaveCount(1);
    await expect(current, path).toHaveAttribute('href', section!);
    await expect(current, path).toHaveAttribute('aria-current', section === path ? 'page' : 'true');
    await expect(page.getByRole('button', { name: 'Log out' }), path).toBeVisible();
  }
  // Each item leads to its page.
  await page.goto('/admin');
  for (const label of NAV) {
    await nav(page)
      .getByRole('link', { name: new RegExp(`^${label}\\b`) })
      .click();
    await expect(nav(page).locator('[aria-current="page"]')).toHaveText(new RegExp(`^${label}\\b`));
  }
});

test('the Moderation item counts the guest photos and tagged posts waiting, as many as the moderation page lists', async ({
  page,
}) => {
  await page.setExtraHTTPHeaders(BEARER);
  const { photos, tagged } = await waitingItems(page);
  const waiting = photos + tagged;
  expect(photos, 'the demo content has photos waiting').toBeGreaterThan(0);
  await page.goto('/admin/rebuilds');
  await expect(nav(page).getByRole('link', { name: /^Moderation/ })).toHaveText(
    `Moderation (${waiting})`,
  );
  await page.goto('/admin/moderation');
  await expect(nav(page).getByRole('link', { name: /^Moderation/ })).toHaveText(
    `Moderation (${waiting})`,
  );
  await expect(page.locator('li.photo')).toHaveCount(photos);
  await expect(page.locator('li.candidate[data-status="pending"]')).toHaveCount(tagged);
});

test('on a 390 px phone the navigation fits the screen: every item visible, no sideways scrolling', async ({
  browser,
}) => {
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    extraHTTPHeaders: BEARER,
  });
  try {
    const page = await phone.newPage();
    for (const path of adminPages()) {
      await page.goto(path);
      for (const link of await nav(page).getByRole('link').all()) {
        await expect(link, path).toBeInViewport({ ratio: 1 });
      }
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${path} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
    }
  } finally {
    await phone.close();
  }
});

test('the login page is styled like the admin pages, with a password field of normal size and no navigation', async ({
  page,
}) => {
  await page.goto('/admin/login');
  await expect(page.getByRole('heading', { name: 'Admin login' })).toBeVisible();
  await expect(page.getByRole('navigation')).toHaveCount(0);
  const field = page.getByLabel('Password');
  const box = await field.boundingBox();
  expect(box?.width, 'the field is wide enough to type in').toBeGreaterThanOrEqual(200);
  const sizes = await field.evaluate((input) => ({
    field: getComputedStyle(input).fontSize,
    body: getComputedStyle(document.body).fontSize,
  }));
  expect(sizes.field, 'the field uses the body text size').toBe(sizes.body);
  await expect(page.getByRole('button', { name: 'Log in' })).toHaveCSS(
    'background-color',
    'rgb(91, 33, 182)',
  );
});
