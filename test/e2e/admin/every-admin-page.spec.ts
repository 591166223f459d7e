/**
 * Every admin page on a phone and a desktop, in its main states: axe-core finds no violation, the
 * page does not scroll sideways at 390 px, and a full-page screenshot is kept under
 * test-results/screenshots/<viewport>/admin…. Logs in from 127.0.0.7 (admin.spec.ts locks
 * 127.0.0.1 out; see publish.spec.ts).
 */
import { expect, test, type Page } from '@playwright/test';
import {
  expectAccessible,
  expectNoSidewaysScroll,
  keepScreenshot,
  VIEWPORTS,
} from '../page-checks.ts';
import { chooseEvent, logInFromOtherAddress } from './publish-support.ts';
import { EMULATOR_URL, SITE_URL } from './server-env.ts';
import { adminPages, connectAccount, disconnectAll, emulator, NORTHLIGHT } from './support.ts';

test.describe.configure({ mode: 'default' });

/** What to do on a page after it loaded, for each state worth checking; `''` is as it loads. */
const STATES: Record<string, Record<string, (page: Page) => Promise<void>>> = {
  '/admin/analytics': {
    '': async (page) => {
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
    },
  },
  '/admin/webhooks': {
    '': async () => {},
    // Its secret shown once, the endpoint listed. Port 9 of this machine: nothing is delivered.
    'an endpoint added': async (page) => {
      await page.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/every-admin-page');
      await page.getByRole('checkbox', { name: /^account\.token_expiring/ }).check();
      await page.getByRole('button', { name: 'Add the endpoint' }).click();
      await expect(page.getByRole('textbox', { name: 'Secret' })).toHaveValue(/^whsec_/);
    },
  },
  '/admin/moderation': {
    '': async () => {},
    // A guest's comment that @mentions the account, from the emulator: a tagged post waiting.
    'a tagged post waiting': async (page) => {
      const mediaId = `8${Date.now()}`;
      const sent = await page.request.post(`${EMULATOR_URL}/__control/webhooks`, {
        data: {
          callbackUrl: `${SITE_URL}/api/instagram/webhook`,
          entries: [
            {
              accountId: NORTHLIGHT.userId,
              time: Math.floor(Date.parse('2026-12-05T15:30:00Z') / 1000),
              changes: [
                {
                  field: 'comments',
                  value: {
                    from: { id: '4243', username: 'guest.with.a.rather.long.name' },
                    id: `every-admin-page-${mediaId}`,
                    text: `A long caption to wrap on a phone @${NORTHLIGHT.username} https://example.com/a/very/long/link/that/must/not/widen/the/page`,
                    media: { id: mediaId, media_product_type: 'FEED' },
                  },
                },
              ],
            },
          ],
        },
      });
      expect(sent.status()).toBe(200);
      const candidate = page.locator(`li.candidate[data-media="${mediaId}"]`);
      await expect
        .poll(
          async () => {
            await page.reload();
            return candidate.count();
          },
          { timeout: 60_000 },
        )
        .toBe(1);
    },
  },
  '/admin/publish': {
    '': async () => {},
    'a carousel of two photos': async (page) => {
      await page.getByLabel('Kind').selectOption('carousel');
      await chooseEvent(page, '2026-04-29');
      for (const name of ['band.jpg', 'confetti.jpg']) await page.getByLabel(`Add ${name}`).check();
      await expect(page.locator('#chosen li')).toHaveCount(2);
    },
  },
};

const checks = async (page: Page, viewport: (typeof VIEWPORTS)[number], name: string) => {
  await keepScreenshot(page, viewport.name, name);
  await expectAccessible(page);
  if (viewport.name === 'phone') await expectNoSidewaysScroll(page);
};

for (const viewport of VIEWPORTS) {
  test.describe(`${viewport.name} (${viewport.width}×${viewport.height})`, () => {
    test.use({ viewport, deviceScaleFactor: 1, isMobile: viewport.name === 'phone' });

    test('/admin/login', async ({ page }) => {
      await page.goto('/admin/login');
      await checks(page, viewport, '/admin/login');
    });

    test('every admin page with an account connected', async ({ page, context, request }) => {
      test.setTimeout(300_000);
      await disconnectAll(request);
      await emulator.reset(request);
      await logInFromOtherAddress(context, '127.0.0.7');
      await connectAccount(page, NORTHLIGHT);
      for (const path of adminPages()) {
        for (const [state, reach] of Object.entries(STATES[path] ?? { '': async () => {} })) {
          await test.step(`${path}${state ? `, ${state}` : ''}`, async () => {
            await page.goto(path);
            await reach(page);
            await checks(page, viewport, `${path}${state ? `-${state}` : ''}`);
          });
        }
      }
    });
  });
}
