/**
 * Webhooks and rebuilds on the real server: Meta's subscription check, a signed delivery from
 * the emulator's webhook sender, and the /admin/rebuilds page it changes. The e2e server
 * has no deploy hook, so the request is recorded and shown, and nothing is triggered. Pages are
 * read with the bearer token, not a login (admin.spec.ts ends by locking logins out).
 */
import { expect, test } from '@playwright/test';
import { BEARER, NORTHLIGHT } from './support.ts';
import { EMULATOR_URL, SITE_URL, VERIFY_TOKEN } from './server-env.ts';

const WEBHOOK_URL = `${SITE_URL}/api/instagram/webhook`;

test('Meta can verify the subscription with the verify token, and only with it', async ({
  request,
}) => {
  const ok = await request.get(
    `${WEBHOOK_URL}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`,
  );
  expect(ok.status()).toBe(200);
  expect(await ok.text()).toBe('1158201444');
  const wrong = await request.get(
    `${WEBHOOK_URL}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope`,
  );
  expect(wrong.status()).toBe(403);
});

test('a signed comment delivery reaches the server, and /admin/rebuilds shows the rebuild it asked for', async ({
  request,
  page,
}) => {
  const unsigned = await request.post(`${EMULATOR_URL}/__control/webhooks`, {
    data: {
      callbackUrl: WEBHOOK_URL,
      entries: [{ changes: [{ field: 'comments', value: { id: 'e2e-c0' } }] }],
      signature: 'invalid',
      attempts: 1,
    },
  });
  expect((await unsigned.json()).copies[0].statuses).toEqual([401]);

  const sent = await request.post(`${EMULATOR_URL}/__control/webhooks`, {
    data: {
      callbackUrl: WEBHOOK_URL,
      entries: [
        {
          accountId: NORTHLIGHT.userId,
          changes: [
            {
              field: 'comments',
              value: { id: `e2e-${Date.now()}`, text: 'Nice!', media: { id: '17918195224117851' } },
            },
          ],
        },
      ],
      copies: 2,
    },
  });
  expect((await sent.json()).copies.map((copy: { statuses: number[] }) => copy.statuses)).toEqual([
    [200],
    [200],
  ]);

  await page.setExtraHTTPHeaders(BEARER);
  await expect(async () => {
    await page.goto('/admin/rebuilds');
    const section = page.getByRole('region', { name: 'Rebuilds' });
    await expect(section).toContainText(
      'Not configured: set DEPLOY_HOOK_URL or DEPLOY_HOOK_COMMAND',
    );
    await expect(section).toContainText(
      `Instagram webhook: comments on account ${NORTHLIGHT.userId}`,
    );
    await expect(section).toContainText(/\d+ received, the last/);
  }).toPass({ timeout: 30_000 });
  const html = await page.content();
  expect(html).not.toContain(VERIFY_TOKEN);
  expect(html).not.toContain('emulator-app-secret');
});
