/**
 * Lighthouse's accessibility score of every admin page and of the login page: 100, with the
 * failing audits named otherwise. Lighthouse drives a Chromium of its own (Debian's, through its
 * debugging port) with the session cookie of a login from 127.0.0.8 (admin.spec.ts locks
 * 127.0.0.1 out).
 */
import { chromium, expect, test } from '@playwright/test';
import lighthouse from 'lighthouse';
import { logInFromOtherAddress } from './publish-support.ts';
import { adminPages, connectAccount, disconnectAll, emulator, NORTHLIGHT } from './support.ts';
import { SITE_URL } from './server-env.ts';
import { freePort } from '../../../harness/free-port.ts';

test.describe.configure({ mode: 'default' });

test('every admin page and the login page score 100 for accessibility', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(600_000);
  await disconnectAll(request);
  await emulator.reset(request);
  await logInFromOtherAddress(context, '127.0.0.8');
  await connectAccount(page, NORTHLIGHT);
  const cookie = (await context.cookies(SITE_URL))
    .map(({ name, value }) => `${name}=${value}`)
    .join('; ');

  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [`--remote-debugging-port=${port}`, '--no-sandbox', '--disable-gpu'],
  });
  try {
    const scores: Record<string, string> = {};
    for (const path of ['/admin/login', ...adminPages()]) {
      const result = await lighthouse(`${SITE_URL}${path}`, {
        port,
        logLevel: 'error',
        onlyCategories: ['accessibility'],
        // What the accessibility audits do not read, left out: the report's full-page
        // screenshot (the costliest part of a run here) and the simulated slow phone.
        disableFullPageScreenshot: true,
        throttlingMethod: 'provided',
        extraHeaders: path === '/admin/login' ? {} : { Cookie: cookie },
      });
      const lhr = result!.lhr;
      expect(lhr.finalDisplayedUrl, 'Lighthouse saw the page itself, not the login page').toBe(
        `${SITE_URL}${path}`,
      );
      const failed = Object.values(lhr.audits)
        .filter((audit) => audit.scoreDisplayMode === 'binary' && audit.score === 0)
        .map((audit) => audit.id);
      scores[path] = `${Math.round((lhr.categories.accessibility?.score ?? 0) * 100)}${
        failed.length ? ` (failed: ${failed.join(', ')})` : ''
      }`;
    }
    expect(scores).toEqual(Object.fromEntries(Object.keys(scores).map((path) => [path, '100'])));
  } finally {
    await browser.close();
  }
});
