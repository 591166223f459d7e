import { createHmac } from 'node:crypto';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { APP_SECRET, startWebhookSite, VERIFY_TOKEN } from '../helpers/webhook-site.ts';

let emulator: RunningEmulator;
let site: Awaited<ReturnType<typeof startWebhookSite>>;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(async () => {
  site = await startWebhookSite();
});
afterEach(() => site.close());

const comment = (id: string, mediaId = '17918195224117851') => ({
  field: 'comments',
  value: {
    from: { id: '232323', username: 'guest' },
    id,
    text: 'Nice!',
    media: { id: mediaId, media_product_type: 'FEED' },
  },
});

async function get(query: Record<string, string>) {
  const answer = await request(`${site.callbackUrl}?${new URLSearchParams(query)}`);
  return {
    status: answer.statusCode,
    type: answer.headers['content-type'],
    body: await answer.body.text(),
  };
}

async function post(body: string, signature?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature) headers['x-hub-signature-256'] = signature;
  const answer = await request(site.callbackUrl, { method: 'POST', body, headers });
  await answer.body.dump();
  return answer.statusCode;
}

describe('the subscription check (GET)', () => {
  it('echoes hub.challenge as plain text for the right verify token', async () => {
    const answer = await get({
      'hub.mode': 'subscribe',
      'hub.challenge': '1158201444',
      'hub.verify_token': VERIFY_TOKEN,
    });
    expect(answer).toMatchObject({ status: 200, body: '1158201444' });
    expect(answer.type).toMatch(/^text\/plain/);
  });

  it('answers 403 to a wrong or missing verify token, or another mode', async () => {
    expect(
      (
        await get({
          'hub.mode': 'subscribe',
          'hub.challenge': '1',
          'hub.verify_token': `${VERIFY_TOKEN}x`,
        })
      ).status,
    ).toBe(403);
    expect((await get({ 'hub.mode': 'subscribe', 'hub.challenge': '1' })).status).toBe(403);
    expect(
      (
        await get({
          'hub.mode': 'unsubscribe',
          'hub.challenge': '1',
          'hub.verify_token': VERIFY_TOKEN,
        })
      ).status,
    ).toBe(403);
  });
});

describe('deliveries (POST)', () => {
  it('accepts a delivery signed with the app secret and stores its events', async () => {
    const sent = await emulator.control.sendWebhook({
      callbackUrl: site.callbackUrl,
      entries: [{ changes: [comment('c1')] }],
      attempts: 1,
    });
    expect(sent.copies[0]).toEqual({ statuses: [200], delivered: true });
    expect(await site.store.webhookEventSummary()).toMatchObject({
      total: 1,
      lastReceivedAt: expect.any(String),
    });
  });

  it('answers 401 when the signature is missing or made with another key', async () => {
    for (const signature of ['missing', 'invalid'] as const) {
      const sent = await emulator.control.sendWebhook({
        callbackUrl: site.callbackUrl,
        entries: [{ changes: [comment('c1')] }],
        attempts: 1,
        signature,
      });
      expect(sent.copies[0]!.statuses, signature).toEqual([401]);
    }
    expect(await post('{"object":"instagram","entry":[]}', 'sha256=zz')).toBe(401);
    expect((await site.store.webhookEventSummary()).total).toBe(0);
  });

  it('accepts the Meta app’s signature (Facebook Login) only when FACEBOOK_APP_SECRET is set', async () => {
    const signedByMeta = (callbackUrl: string) =>
      emulator.control.sendWebhook({
        callbackUrl,
        appId: '990000000000002', // the demo seed's Facebook Login app
        entries: [{ changes: [{ field: 'mentions', value: { media_id: '17918195224117851' } }] }],
        attempts: 1,
      });
    expect((await signedByMeta(site.callbackUrl)).copies[0]!.statuses).toEqual([401]);
    const both = await startWebhookSite({ facebookAppSecret: 'emulator-facebook-app-secret' });
    try {
      expect((await signedByMeta(both.callbackUrl)).copies[0]!.statuses).toEqual([200]);
      // The Instagram app's key still works there.
      const instagram = await emulator.control.sendWebhook({
        callbackUrl: both.callbackUrl,
        entries: [{ changes: [comment('c2')] }],
        attempts: 1,
      });
      expect(instagram.copies[0]!.statuses).toEqual([200]);
      expect((await both.store.webhookEventSummary()).total).toBe(2);
    } finally {
      await both.close();
    }
  });

  it('answers 401 to a body re-serialised after signing (the signature covers the raw bytes)', async () => {
    const original =
      '{"object": "instagram", "entry": [{"id": "17841400000000001", "time": 1714414961, "changes": []}]}';
    const signature = `sha256=${createHmac('sha256', APP_SECRET).update(original).digest('hex')}`;
    expect(await post(original, signature)).toBe(200);
    expect(await post(JSON.stringify(JSON.parse(original)), signature)).toBe(401);
  });

  it('stores a redelivered change once, even with another entry time', async () => {
    const sent = await emulator.control.sendWebhook({
      callbackUrl: site.callbackUrl,
      entries: [{ changes: [comment('c1'), comment('c2')] }],
      copies: 2,
    });
    expect(sent.copies.map((copy) => copy.delivered)).toEqual([true, true]);
    await emulator.control.sendWebhook({
      callbackUrl: site.callbackUrl,
      entries: [{ time: 1, changes: [comment('c2')] }],
    });
    expect((await site.store.webhookEventSummary()).total).toBe(2);
  });

  it('answers 400 to a signed body that is not a delivery', async () => {
    const body = '[1, 2]';
    expect(
      await post(body, `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`),
    ).toBe(400);
  });
});
