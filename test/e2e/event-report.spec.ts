/**
 * An event's report and its QR poster in Chromium: /admin/events lists the events with links to
 * both; the report of a demo event has the posts its gallery shows, each with the insights the
 * emulator holds for it and its three engagement rates, times in the event's zone, the guest
 * photos by state, and a CSV export with the same rows; the poster prints on one A4 or Letter
 * page with no navigation or buttons, and its QR code (decoded from a screenshot with jsQR)
 * opens the event's upload page; unknown events and bad parameters are refused by name.
 *
 * Read-only, so it runs beside the other specs: a server of its own from the build the e2e
 * server made (scripts/serve.ts, its own state db, IG_ACCESS_TOKEN of the demo account), against
 * an emulator of its own in this process, over the repository's demo content.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { formatNumber, formatPercent } from '../../integration/components/charts/geometry.ts';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { freePort } from '../../harness/free-port.ts';
import { ADMIN_PASSWORD, serverEnv, SITE_URL } from './admin/server-env.ts';
import { startServerProcess, type ServerProcess } from './admin/server-process.ts';
import { ROOT } from './admin/support.ts';

test.describe.configure({ mode: 'default', timeout: 300_000 });

/** A demo event in Europe/Berlin with Instagram posts in its window and guest photos. */
const EVENT = { id: '2026-04-29', title: 'Spring Launch' };
/** The demo event that takes guest uploads. */
const UPLOADS_EVENT = { id: '2026-12-05-winter-market', title: 'Winter Market' };

let emulator: RunningEmulator;
let server: ServerProcess | undefined;
let url: string;
let stateDir: string;

test.beforeAll(async () => {
  emulator = await startEmulator();
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'ais-event-report-e2e-'));
  server = await startServerProcess({
    cwd: ROOT,
    port: await freePort(),
    env: {
      ...serverEnv(emulator.origin),
      IG_ACCESS_TOKEN: emulator.demoToken,
      STATE_DB_PATH: path.join(stateDir, 'state.db'),
    },
  });
  url = server.url;
});

// Logged in through the form: a download the browser makes itself carries the session cookie,
// not Playwright's extra headers.
test.beforeEach(async ({ page }) => {
  await page.goto(`${url}/admin/login`);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(`${url}/admin`);
});

test.afterAll(async () => {
  await server?.stop();
  await emulator?.close();
  await rm(stateDir, { recursive: true, force: true });
});

/** What the emulator holds for a post: its lifetime insights by metric name. */
async function seededInsights(id: string): Promise<Record<string, number>> {
  const query = new URLSearchParams({
    metric: 'views,reach,likes,comments,shares,saved,total_interactions',
    access_token: emulator.demoToken,
  });
  const answer = (await (await fetch(`${emulator.graphBase}/${id}/insights?${query}`)).json()) as {
    data: { name: string; values: { value: number }[] }[];
  };
  return Object.fromEntries(answer.data.map((metric) => [metric.name, metric.values[0]!.value]));
}

async function seededFollowers(): Promise<number> {
  const query = new URLSearchParams({
    fields: 'followers_count',
    access_token: emulator.demoToken,
  });
  const me = (await (await fetch(`${emulator.graphBase}/me?${query}`)).json()) as {
    followers_count: number;
  };
  return me.followers_count;
}

const cell = (page: Page, post: string, metric: string) =>
  page.locator(`tr[data-post="${post}"] td[data-metric="${metric}"]`);

test('/admin/events lists every event with links to its report and its poster', async ({
  page,
}) => {
  await page.goto(`${url}/admin/events`);
  await expect(page.getByRole('heading', { name: 'Events', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Admin' }).locator('[aria-current="page"]'),
  ).toHaveText('Events');
  const item = page.locator(`li[data-event="${EVENT.id}"]`);
  await expect(item.getByRole('heading')).toHaveText(EVENT.title);
  await expect(item).toContainText('Wednesday, 29 April 2026, 18:00 – 23:30 (CEST)');
  await item.getByRole('link', { name: `Report: ${EVENT.title}` }).click();
  await expect(page).toHaveURL(`${url}/admin/events/${EVENT.id}`);
  await expect(page.getByRole('heading', { name: `Report: ${EVENT.title}` })).toBeVisible();
  await page.goBack();
  await item.getByRole('link', { name: `QR poster: ${EVENT.title}` }).click();
  await expect(page).toHaveURL(`${url}/admin/events/${EVENT.id}/poster`);
});

test('the report has the gallery’s posts with the emulator’s insights, three rates, local times and guest photo counts', async ({
  page,
}) => {
  // The posts the event's static gallery shows, as the build matched them.
  await page.goto(`${url}/g/${EVENT.id}/`);
  const galleryPosts = await page
    .locator('li[data-source="instagram"]')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-id')!));
  expect(galleryPosts.length, 'the demo event has Instagram posts').toBeGreaterThan(1);

  await page.goto(`${url}/admin/events/${EVENT.id}`);
  await expect(
    page.getByRole('navigation', { name: 'Admin' }).locator('[aria-current]'),
  ).toHaveText('Events');
  const rows = page.locator('[data-section="posts"] tbody tr');
  await expect(rows).toHaveCount(galleryPosts.length);
  expect(
    (await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-post')))).sort(),
  ).toEqual([...galleryPosts].sort());

  const followers = await seededFollowers();
  const sums = { reach: 0, views: 0, interactions: 0 };
  for (const id of galleryPosts) {
    const seeded = await seededInsights(id);
    const interactions = seeded.total_interactions!;
    sums.reach += seeded.reach!;
    sums.views += seeded.views!;
    sums.interactions += interactions;
    await expect(cell(page, id, 'reach')).toHaveText(formatNumber(seeded.reach));
    await expect(cell(page, id, 'views')).toHaveText(formatNumber(seeded.views));
    await expect(cell(page, id, 'likes')).toHaveText(formatNumber(seeded.likes));
    await expect(cell(page, id, 'saves')).toHaveText(formatNumber(seeded.saved));
    await expect(cell(page, id, 'interactions')).toHaveText(formatNumber(interactions));
    await expect(cell(page, id, 'engagementRateByReach')).toHaveText(
      formatPercent(interactions / seeded.reach!),
    );
    await expect(cell(page, id, 'engagementRateByFollowers')).toHaveText(
      formatPercent(interactions / followers),
    );
    await expect(cell(page, id, 'engagementRateByViews')).toHaveText(
      formatPercent(interactions / seeded.views!),
    );
  }
  const total = (name: string) =>
    page.locator(`[data-section="overview"] dd[data-total="${name}"]`);
  await expect(total('posts')).toHaveText(String(galleryPosts.length));
  await expect(total('reach')).toHaveText(formatNumber(sums.reach));
  await expect(total('interactions')).toHaveText(formatNumber(sums.interactions));
  await expect(total('engagementRateByReach')).toHaveText(
    formatPercent(sums.interactions / sums.reach),
  );
  await expect(total('engagementRateByViews')).toHaveText(
    formatPercent(sums.interactions / sums.views),
  );
  await expect(total('engagementRateByFollowers')).toHaveText(
    formatPercent(sums.interactions / galleryPosts.length / followers),
  );
  for (const label of ['Engagement by reach', 'Engagement by followers', 'Engagement by views'])
    await expect(page.locator('[data-section="overview"] dt', { hasText: label })).toHaveCount(1);

  // Times in the event's zone: the demo's 15:30 UTC post is 17:30 in Berlin (CEST).
  await expect(page.locator('tr[data-post="17960751400959131"] time')).toHaveText(
    '29 Apr 2026, 17:30 CEST',
  );
  await expect(page.locator('main')).toContainText(
    "Times in the event's time zone, Europe/Berlin.",
  );

  // The demo's moderation file: seven approved, one waiting, none rejected.
  const count = (state: string) =>
    page.locator(`[data-section="guest-photos"] dd[data-count="${state}"]`);
  await expect(count('uploaded')).toHaveText('8');
  await expect(count('approved')).toHaveText('7');
  await expect(count('rejected')).toHaveText('0');
  await expect(count('pending')).toHaveText('1');

  // The top items: the best post by reach is the one with the most reach.
  const topReach = page.locator('[data-ranking="reach"] li').first();
  const reaches = await Promise.all(
    galleryPosts.map(async (id) => [id, (await seededInsights(id)).reach!] as const),
  );
  const highest = reaches.sort((a, b) => b[1] - a[1])[0]![0];
  await expect(topReach).toHaveAttribute('data-post', highest);
});

test('the CSV export has the report’s rows, with the three rates', async ({ page }) => {
  await page.goto(`${url}/admin/events/${EVENT.id}`);
  const started = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV', exact: true }).click();
  const download = await started;
  expect(download.suggestedFilename()).toBe(`event-report-${EVENT.id}.csv`);
  const lines = (await readFile(await download.path(), 'utf8')).trimEnd().split('\r\n');
  const header = lines[0]!.split(',');
  expect(header).toEqual(
    expect.arrayContaining([
      'engagement_rate_by_reach',
      'engagement_rate_by_followers',
      'engagement_rate_by_views',
      'local_time',
    ]),
  );
  const rows = page.locator('[data-section="posts"] tbody tr');
  const pageIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-post')));
  const column = (name: string) => header.indexOf(name);
  const records = lines.slice(1).map((line) => line.split(','));
  expect(records.map((record) => record[column('id')])).toEqual(pageIds);
  for (const record of records) {
    expect(record[column('event_id')]).toBe(EVENT.id);
    const reach = Number(record[column('reach')]);
    const interactions = Number(record[column('interactions')]);
    expect(Number(record[column('engagement_rate_by_reach')])).toBeCloseTo(
      interactions / reach,
      10,
    );
    expect(record[column('local_time')]).toMatch(/^2026-04-(29|30)T\d\d:\d\d:00\+02:00$/);
    await expect(cell(page, record[column('id')]!, 'reach')).toHaveText(formatNumber(reach));
  }
});

/** The pages of a PDF Chromium printed, and each page's size in points. */
function pdfPages(pdf: Buffer): { pages: number; sizes: number[][] } {
  const text = pdf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
  const sizes = [...text.matchAll(/\/MediaBox\s*\[\s*([-\d.\s]+)\]/g)].map((match) =>
    match[1]!.trim().split(/\s+/).map(Number),
  );
  return { pages, sizes };
}

async function decodeQr(page: Page): Promise<string | undefined> {
  const png = await page.locator('figure.qr').screenshot();
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(
    new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
    info.width,
    info.height,
  )?.data;
}

test('the QR poster prints on one A4 and one Letter page, without navigation or buttons, and its code opens the upload page', async ({
  page,
}) => {
  const poster = `${url}/admin/events/${UPLOADS_EVENT.id}/poster`;
  const uploadUrl = `${SITE_URL}/g/${UPLOADS_EVENT.id}/upload`;
  await page.goto(poster);
  await expect(
    page.getByRole('heading', { name: `QR poster: ${UPLOADS_EVENT.title}` }),
  ).toBeVisible();
  const sheet = page.getByRole('article', { name: 'Poster' });
  await expect(sheet).toContainText(UPLOADS_EVENT.title);
  await expect(sheet.locator('.instructions')).toHaveText(
    `Scan the code with your phone's camera to share your photos.They appear in the ${UPLOADS_EVENT.title} gallery once approved.`,
  );
  await expect(page.getByRole('img', { name: `QR code to ${uploadUrl}` })).toBeVisible();
  expect(await decodeQr(page), 'the QR code decodes to the upload page').toBe(uploadUrl);

  // A4 by default, Letter by choice; each prints on one page of that size.
  const A4 = [595.28, 841.89] as const;
  const LETTER = [612, 792] as const;
  for (const [paper, size] of [
    ['a4', A4],
    ['letter', LETTER],
  ] as const) {
    if (paper === 'letter') {
      await page.getByRole('radio', { name: /US Letter/ }).check();
      await page.getByRole('button', { name: 'Show' }).click();
      await expect(page).toHaveURL(`${poster}?paper=letter`);
      expect(await decodeQr(page)).toBe(uploadUrl);
    }
    await expect(
      page.getByRole('radio', { name: paper === 'a4' ? /A4/ : /US Letter/ }),
    ).toBeChecked();
    const pdf = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    expect(pdf.pages, `${paper}: one page`).toBe(1);
    expect(pdf.sizes).toHaveLength(1);
    const [, , width, height] = pdf.sizes[0]!;
    expect(Math.abs(width! - size[0]), `${paper} width ${width}`).toBeLessThan(2);
    expect(Math.abs(height! - size[1]), `${paper} height ${height}`).toBeLessThan(2);
  }

  // Printed, the sheet is all there is: no navigation, no buttons, no form.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Admin' })).toBeHidden();
  // Show, Print and Log out are in the page, but none is printed.
  await expect(page.locator('button')).toHaveCount(3);
  for (const button of await page.locator('button').all()) await expect(button).toBeHidden();
  await expect(page.locator('input[type="radio"]').first()).toBeHidden();
  await expect(sheet).toBeVisible();
  expect(await decodeQr(page), 'the printed code too').toBe(uploadUrl);
  await page.emulateMedia({ media: 'screen' });

  // Following the code: the event's upload page.
  await page.goto(uploadUrl);
  await expect(page.getByRole('heading', { name: 'Share your photos' })).toBeVisible();
});

test('unknown events and bad parameters are refused, naming what is wrong', async ({ page }) => {
  for (const path of ['/admin/events/no-such-event', '/admin/events/no-such-event/poster']) {
    const response = await page.goto(`${url}${path}`);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'No such event' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('There is no event “no-such-event”');
  }
  for (const path of ['/admin/events/Bad_Id', '/admin/events/Bad_Id/poster']) {
    const response = await page.goto(`${url}${path}`);
    expect(response?.status(), path).toBe(400);
    await expect(page.getByRole('alert')).toContainText('Path parameter "event"');
  }
  const paper = await page.goto(`${url}/admin/events/${EVENT.id}/poster?paper=a3`);
  expect(paper?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText(
    'Query parameter "paper": expected a4 or letter',
  );

  const api = (path: string) => page.request.get(`${url}/api/admin/events/${path}`);
  const unknown = await api('no-such-event/report');
  expect(unknown.status()).toBe(404);
  expect(
    ((await unknown.json()) as { error: { code: string; message: string } }).error,
  ).toMatchObject({
    code: 'unknown_event',
    message: expect.stringContaining('"no-such-event"'),
  });
  const bad = await api('Bad_Id/report');
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toContain(
    'Path parameter "event"',
  );
  const format = await api(`${EVENT.id}/report?format=xls`);
  expect(format.status()).toBe(400);
  expect(((await format.json()) as { error: { message: string } }).error.message).toContain(
    'Query parameter "format"',
  );
});
