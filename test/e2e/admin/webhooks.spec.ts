/**
 * /admin/webhooks on the real server: an endpoint added with the form (its secret shown once)
 * receives a build.requested event signed with that secret, the delivery log shows it delivered,
 * and Replay sends it again. The rebuild request comes from a signed comment delivery of the
 * emulator (as in rebuilds.spec.ts); the receiver runs in the test. Pages are read with the
 * bearer token, not a login (admin.spec.ts ends by locking logins out).
 */
import { expect, test } from '@playwright/test';
import { startWebhookReceiver, verified } from '../../helpers/webhook-receiver.ts';
import { EMULATOR_URL, SITE_URL } from './server-env.ts';
import { BEARER, NORTHLIGHT } from './support.ts';

test('add an endpoint, see its delivery in the log, and Replay it', async ({ page, request }) => {
  const receiver = await startWebhookReceiver();
  try {
    await page.setExtraHTTPHeaders(BEARER);
    await page.goto('/admin/webhooks');
    await page.getByLabel('URL', { exact: true }).fill(receiver.url('/admin-spec'));
    await page.getByRole('checkbox', { name: /^build\.requested/ }).check();
    await page.getByRole('button', { name: 'Add the endpoint' }).click();
    const secret = await page.getByRole('textbox', { name: 'Secret' }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = page.locator('.endpoints li', { hasText: receiver.url('/admin-spec') });
    await expect(endpoint).toContainText('build.requested');
    // The form's answer was a redirect: a reload adds nothing, and the secret is not shown again.
    await page.reload();
    await expect(endpoint).toHaveCount(1);
    await expect(page.getByRole('textbox', { name: 'Secret' })).toHaveCount(0);

    const sent = await request.post(`${EMULATOR_URL}/__control/webhooks`, {
      data: {
        callbackUrl: `${SITE_URL}/api/instagram/webhook`,
        entries: [
          {
            accountId: NORTHLIGHT.userId,
            changes: [
              { field: 'comments', value: { id: `webhooks-spec-${Date.now()}`, text: 'Hi' } },
            ],
          },
        ],
      },
    });
    expect(sent.status()).toBe(200);
    await expect.poll(() => receiver.received.length, { timeout: 60_000 }).toBe(1);
    const first = receiver.received[0]!;
    expect(verified(secret, first).type).toBe('build.requested');

    await page.reload();
    const row = page.locator('tr', { hasText: receiver.url('/admin-spec') }).first();
    await expect(row).toContainText('Delivered');
    await expect(row).toContainText('HTTP 204');
    await row.getByRole('button', { name: /^Replay delivery/ }).click();
    await expect(page.getByRole('status')).toContainText('will be sent again');
    await expect.poll(() => receiver.received.length, { timeout: 60_000 }).toBe(2);
    const again = receiver.received[1]!;
    expect(verified(secret, again).type).toBe('build.requested');
    expect(again.headers['webhook-id']).toBe(first.headers['webhook-id']);

    await page
      .locator('.endpoints li', { hasText: receiver.url('/admin-spec') })
      .getByRole('button', { name: /^Remove/ })
      .click();
    await expect(page.getByRole('status')).toContainText('Endpoint removed');
    await expect(
      page.locator('.endpoints li', { hasText: receiver.url('/admin-spec') }),
    ).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
