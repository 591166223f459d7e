/**
 * /admin/analytics in Chromium: the shell at once with skeletons, every section filled by its
 * server island, the range picker, sorting, exports, and the page without JavaScript.
 * Logs in from 127.0.0.5 (admin.spec.ts locks 127.0.0.1 out; see publish.spec.ts).
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { addDays } from '../../../integration/analytics/index.ts';
import { formatPercent } from '../../../integration/components/charts/geometry.ts';
import { layoutShiftScore, recordLayoutShifts } from '../../../harness/layout-shift.ts';
import { DOCS_TAG, docsScreenshot, regionOf } from '../docs-screenshots.ts';
import { logInFromOtherAddress } from './publish-support.ts';
import { BEARER, connectAccount, disconnectAll, emulator, NORTHLIGHT } from './support.ts';

test.describe.configure({ mode: 'default' });

interface Payload {
  range: { since: string; until: string };
  totals: {
    posts: number;
    engagementRateByReach: number | null;
    engagementRateByFollowers: number | null;
    engagementRateByViews: number | null;
  };
  posts: { id: string; metrics: { reach: number | null } }[];
}

test.beforeEach(async ({ page, context, request }) => {
  await disconnectAll(request);
  await emulator.reset(request);
  await logInFromOtherAddress(context, '127.0.0.5');
  await connectAccount(page, NORTHLIGHT);
});

test('the dashboard shows every section with data, then another range', {
  tag: DOCS_TAG,
}, async ({ page, request }) => {
  // The shell comes first: the page's own HTML holds skeletons, not numbers.
  const shell = await request.get('/admin/analytics', { headers: BEARER });
  const html = await shell.text();
  expect(html.match(/aria-busy="true"/g)?.length).toBe(6);
  expect(html).not.toContain('data-section="kpis"');

  // With no range, the page shows the 90 days up to today (the server's today, the input's max).
  await page.goto('/admin/analytics');
  await expect(page.getByRole('heading', { name: 'Analytics', level: 1 })).toBeVisible();
  const today = await page.getByLabel('To', { exact: true }).getAttribute('max');
  await expect(page.getByLabel('To', { exact: true })).toHaveValue(today!);
  await expect(page.getByLabel('From', { exact: true })).toHaveValue(addDays(today!, -90));

  // The demo seed's posts are from 2026, so a fixed range holds data whatever the date today.
  const since = '2026-04-01';
  const until = '2026-06-30';
  await page.goto(`/admin/analytics?account=${NORTHLIGHT.userId}&since=${since}&until=${until}`);
  const payload = (await (
    await request.get(
      `/api/instagram/analytics?account=${NORTHLIGHT.userId}&since=${since}&until=${until}`,
      { headers: BEARER },
    )
  ).json()) as Payload;
  expect(payload.totals.posts).toBeGreaterThan(0);

  await expect(postsKpi(page)).toHaveText(String(payload.totals.posts));
  // The three engagement rates side by side, each labelled by what it divides by.
  for (const [label, rate] of [
    ['Engagement by reach', payload.totals.engagementRateByReach],
    ['Engagement by followers', payload.totals.engagementRateByFollowers],
    ['Engagement by views', payload.totals.engagementRateByViews],
  ] as const) {
    expect(rate, `${label} has a value in the seed`).not.toBeNull();
    await expect(kpi(page, label)).toHaveText(formatPercent(rate));
  }
  await expect(
    page.locator('[data-section="trends"] svg path[data-series="Reach"]'),
  ).toHaveAttribute('d', /^M/);
  await expect(page.locator('[data-section="trends"] svg[role="img"]').first()).toHaveAttribute(
    'aria-label',
    /The table below has every value/,
  );
  await expect(page.locator('[data-best-time]')).toContainText('Best time to post:');
  await expect(page.locator('[data-section="best-time"] td[data-hour]').first()).toBeVisible();
  await expect(page.locator('[data-section="media-types"] tbody tr')).toHaveCount(4);
  const topImage = page.locator('[data-ranking="reach"] img').first();
  await expect(topImage).toHaveAttribute('src', /^\/api\/publish\/thumbnail\?account=/);
  await topImage.scrollIntoViewIfNeeded(); // lazy
  await expect
    .poll(() => topImage.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await expect(page.locator('[data-section="posts"] tbody tr')).toHaveCount(payload.posts.length);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);

  // Sorting by reach, biggest first.
  await page.locator('[data-section="posts"] th[data-column="reach"] a').click();
  const best = [...payload.posts].sort(
    (a, b) => (b.metrics.reach ?? -1) - (a.metrics.reach ?? -1),
  )[0]!;
  await expect(page.locator('[data-section="posts"] tbody tr').first()).toHaveAttribute(
    'data-post',
    best.id,
  );
  await expect(page.locator('th[data-column="reach"]')).toHaveAttribute('aria-sort', 'descending');

  await page.screenshot({
    path: test.info().outputPath('analytics-dashboard.png'),
    fullPage: true,
  });
  // The README shows the top of the dashboard: the range picker, the KPIs and the trends chart.
  await docsScreenshot(page, 'admin-analytics', {
    fullPage: true,
    clip: await regionOf(
      page.getByRole('heading', { name: 'Analytics', level: 1 }),
      page.locator('[data-section="trends"] figure figcaption').first(),
    ),
  });

  // A preset changes the range, and the numbers follow (the seed has no post in the last 30 days).
  await page.getByRole('link', { name: 'Last 30 days' }).click();
  await expect(page).toHaveURL(/since=/);
  const url = new URL(page.url());
  const narrower = (await (
    await request.get(`/api/instagram/analytics?${url.searchParams}`, { headers: BEARER })
  ).json()) as Payload;
  expect(narrower.totals.posts).not.toBe(payload.totals.posts);
  await expect(postsKpi(page)).toHaveText(String(narrower.totals.posts));
  await expect(page.locator('[data-section="posts"] caption')).toHaveText(
    `${narrower.totals.posts} posts from ${narrower.range.since} to ${narrower.range.until}`,
  );
  await expect(page.getByRole('link', { name: 'Last 30 days' })).toHaveAttribute(
    'aria-current',
    'true',
  );
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
]) {
  test(`the sections fill in without moving the page (layout shift ≤ 0.02 at ${viewport.width}×${viewport.height})`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    await recordLayoutShifts(page);
    // Each section's height before its island arrives, for the failure message.
    await page.addInitScript(() => {
      const w = window as unknown as { skeletons: Record<string, number> };
      w.skeletons = {};
      document.addEventListener('DOMContentLoaded', () => {
        for (const section of document.querySelectorAll('section[aria-labelledby]'))
          w.skeletons[section.getAttribute('aria-labelledby') ?? ''] =
            section.getBoundingClientRect().height;
      });
    });
    await page.goto(
      `/admin/analytics?account=${NORTHLIGHT.userId}&since=2026-04-01&until=2026-06-30`,
    );
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    const { skeletons, filled } = await page.evaluate(() => {
      const filled: Record<string, number> = {};
      for (const section of document.querySelectorAll('section[aria-labelledby]'))
        filled[section.getAttribute('aria-labelledby') ?? ''] =
          section.getBoundingClientRect().height;
      return {
        skeletons: (window as unknown as { skeletons: Record<string, number> }).skeletons,
        filled,
      };
    });
    const { score, shifts } = await layoutShiftScore(page);
    expect(score, JSON.stringify({ shifts, skeletons, filled })).toBeLessThanOrEqual(0.02);
  });
}

const kpi = (page: Page, label: string) =>
  page
    .locator('[data-section="kpis"] dt', { hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd');
const postsKpi = (page: Page) => kpi(page, 'Posts');

test('downloads the posts table as CSV, one row per post, and as JSON', async ({ page }) => {
  await page.goto(
    `/admin/analytics?account=${NORTHLIGHT.userId}&since=2026-04-01&until=2026-06-30`,
  );
  const download = async (name: string) => {
    const started = page.waitForEvent('download');
    await page.getByRole('link', { name, exact: true }).click();
    const file = await (await started).path();
    return readFile(file, 'utf8');
  };
  const json = JSON.parse(await download('JSON')) as Payload & { account: string };
  expect(json.posts.length).toBeGreaterThan(0);
  expect(json.account).toBe(NORTHLIGHT.username);
  expect(json.range).toMatchObject({ since: '2026-04-01', until: '2026-06-30' });
  const lines = (await download('CSV')).trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^id,kind,timestamp,permalink,likes,/);
  expect(lines).toHaveLength(json.posts.length + 1);
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(
    json.posts.map((post) => post.id),
  );
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('links to the same sections rendered in the page, charts and tables readable', async ({
    page,
  }) => {
    await page.goto(
      `/admin/analytics?account=${NORTHLIGHT.userId}&since=2026-04-01&until=2026-06-30`,
    );
    await page.getByRole('link', { name: 'Show them without JavaScript' }).click();
    await expect(page.locator('[data-section="kpis"]')).toBeVisible();
    await expect(page.locator('[data-section="trends"] svg path[data-series="Reach"]')).toHaveCount(
      1,
    );
    await expect(page.locator('[data-section="trends"] details table tbody tr')).toHaveCount(91);
    await page.locator('th[data-column="views"] a').click();
    await expect(page).toHaveURL(/inline=1/);
    await expect(page.locator('th[data-column="views"]')).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });
});

test('a bad range is refused with a message naming the parameter', async ({ page, request }) => {
  await page.goto(
    `/admin/analytics?account=${NORTHLIGHT.userId}&since=2026-06-30&until=2026-04-01`,
  );
  await expect(page.locator('.problem[role="alert"]')).toHaveText(
    'since (2026-06-30) is after until (2026-04-01); swap them.',
  );
  const api = await request.get(`/api/instagram/analytics?since=2026-06-30&until=2026-04-01`, {
    headers: BEARER,
  });
  expect(api.status()).toBe(400);
  expect(await api.json()).toEqual({
    error: {
      code: 'invalid_since',
      message: 'since (2026-06-30) is after until (2026-04-01); swap them.',
    },
  });
});
