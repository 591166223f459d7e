/**
 * `npm run bench:first-view`: what a phone (390×844 at DPR 3) transfers for the first view of a
 * 50-photo gallery and of `/instagram/`, served by `npm start` (compressed) from a fresh build of
 * a copy of the site. Bytes are Chromium's own count on the wire (CDP `Network.loadingFinished`
 * `encodedDataLength`: headers and compressed bodies), until the network is idle, without
 * scrolling; the budget is 150 KB a page. Then the layout shift of `/admin/analytics` (logged in,
 * 2026 of the demo account) while its sections' server islands fill in, on that phone and on a
 * 1280×720 desktop; the budget is 0.02. Last, the latency of the cached analytics answer over
 * loopback (autocannon, one connection, so no request waits for another): p99 within 10 ms.
 */
import path from 'node:path';
import { chromium } from '@playwright/test';
import autocannon from 'autocannon';
import { startTarget } from '../fuzz/target.ts';
import { layoutShiftScore, recordLayoutShifts } from '../harness/layout-shift.ts';
import { addGeneratedPhotos, EMPTY_EVENT } from '../harness/generated-photos.ts';
import { astroBuild, copySite, ROOT } from '../harness/site-copy.ts';

const BUDGET_KB = 150;
const SHIFT_BUDGET = 0.02;
const P99_BUDGET_MS = 10;
// The demo account's posts are from 2026.
const ANALYTICS_RANGE = 'since=2026-01-01&until=2026-11-30';
const PHONE = { width: 390, height: 844 };
const PAGES = [`/g/${EMPTY_EVENT}/`, '/instagram/'];

const site = await copySite(path.join(ROOT, 'content'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
let target: Awaited<ReturnType<typeof startTarget>> | undefined;
try {
  await addGeneratedPhotos(site.root, { count: 50, width: 2400, height: 1600 });
  const build = await astroBuild(site.root, {});
  if (build.code !== 0) throw new Error(`the build failed:\n${build.output}`);
  target = await startTarget(site.root);
  const rows: Record<string, Record<string, number | string>> = {};
  let over = false;
  for (const pathname of PAGES) {
    const bytes = await firstView(`${target.url}${pathname}`);
    const total = Object.values(bytes).reduce((sum, value) => sum + value, 0);
    over ||= total / 1024 > BUDGET_KB;
    rows[pathname] = {
      ...Object.fromEntries(
        Object.entries(bytes).map(([type, value]) => [`${type} KB`, +(value / 1024).toFixed(1)]),
      ),
      'total KB': +(total / 1024).toFixed(1),
      budget: `${BUDGET_KB} KB`,
    };
  }
  console.log(`\nFirst view on a ${PHONE.width}×${PHONE.height} phone at DPR 3, npm start\n`);
  console.table(rows);
  const shifts: Record<string, { 'layout shift': number; budget: number }> = {};
  for (const viewport of [PHONE, { width: 1280, height: 720 }]) {
    const score = await analyticsShift(target, viewport);
    over ||= score > SHIFT_BUDGET;
    shifts[`/admin/analytics at ${viewport.width}×${viewport.height}`] = {
      'layout shift': +score.toFixed(4),
      budget: SHIFT_BUDGET,
    };
  }
  console.log('\nLayout shift while the analytics sections load (every shift summed)\n');
  console.table(shifts);
  const latency = await cachedAnalyticsLatency(target);
  over ||= latency.p99 > P99_BUDGET_MS;
  console.log('\nThe cached analytics answer over loopback (one connection)\n');
  console.table({
    '/api/instagram/analytics': {
      requests: latency.requests,
      'p50 ms': latency.p50,
      'p99 ms': latency.p99,
      'budget p99 ms': P99_BUDGET_MS,
    },
  });
  console.log(over ? '\nSomething is over budget.' : '\nEverything is within budget.');
  process.exitCode = over ? 1 : 0;
} finally {
  await target?.stop();
  await browser.close();
  await site.remove();
}

/** Bytes on the wire by resource type (Document, Stylesheet, Script, Image, …) for one page load. */
async function firstView(url: string): Promise<Record<string, number>> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const types = new Map<string, string>();
  const bytes: Record<string, number> = {};
  cdp.on('Network.responseReceived', (event) => types.set(event.requestId, event.type));
  cdp.on('Network.loadingFinished', (event) => {
    const type = types.get(event.requestId) ?? 'Other';
    bytes[type] = (bytes[type] ?? 0) + event.encodedDataLength;
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await context.close();
  return bytes;
}

async function analyticsShift(
  server: NonNullable<typeof target>,
  viewport: { width: number; height: number },
): Promise<number> {
  const context = await browser.newContext({ viewport });
  const [name = '', ...value] = (server.sessionCookie.split(';')[0] ?? '').split('=');
  await context.addCookies([{ name, value: value.join('='), url: server.url }]);
  const page = await context.newPage();
  await recordLayoutShifts(page);
  await page.goto(`${server.url}/admin/analytics?account=${server.accountId}&${ANALYTICS_RANGE}`);
  await page.waitForLoadState('networkidle');
  const busy = await page.locator('[aria-busy="true"]').count();
  if (busy > 0) throw new Error(`/admin/analytics still loads ${busy} sections`);
  const { score } = await layoutShiftScore(page);
  await context.close();
  return score;
}

async function cachedAnalyticsLatency(server: NonNullable<typeof target>) {
  const url = `${server.url}/api/instagram/analytics?account=${server.accountId}&${ANALYTICS_RANGE}`;
  const headers = { cookie: server.sessionCookie, 'accept-encoding': 'gzip, br' };
  const first = await fetch(url, { headers }); // computes it, and fills the cache
  if (first.status !== 200) throw new Error(`${url} answered ${first.status}`);
  await first.arrayBuffer();
  const result = await autocannon({ url, headers, connections: 1, amount: 2000, workers: 1 });
  const failures = result.errors + result.timeouts + result.non2xx;
  if (failures > 0) throw new Error(`${failures} of the cached analytics requests failed`);
  return { requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99 };
}
