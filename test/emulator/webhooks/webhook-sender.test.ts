import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { listen } from '../../helpers/webhook-site.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A callback that records what it got and answers `statuses` in turn (then 200). */
async function callback(statuses: number[] = []) {
  const received: { at: number; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({
      at: Date.now(),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    res.writeHead(statuses[received.length - 1] ?? 200).end();
  });
  const url = `${await listen(server)}/hook`;
  closers.push(() => server.close());
  return { url, received };
}

const change = (id: string) => ({
  field: 'comments',
  value: { id, text: 'hi', media: { id: '17918195224117851' } },
});

describe('the emulator webhook sender', () => {
  it("signs the raw body with the seed app's secret, like Meta", async () => {
    const target = await callback();
    const result = await emulator.control.sendWebhook({
      callbackUrl: target.url,
      entries: [{ changes: [change('c1')] }],
    });
    const [got] = target.received;
    expect(got!.body).toBe(result.body);
    expect(got!.headers['x-hub-signature-256']).toBe(
      `sha256=${createHmac('sha256', 'emulator-app-secret').update(got!.body).digest('hex')}`,
    );
    expect(got!.headers['content-type']).toBe('application/json');
  });

  it('batches every entry into one POST', async () => {
    const target = await callback();
    await emulator.control.sendWebhook({
      callbackUrl: target.url,
      entries: [
        { changes: [change('c1')] },
        { accountId: '17841400000000002', time: 1714414961, changes: [change('c2'), change('c3')] },
      ],
    });
    expect(target.received).toHaveLength(1);
    const body = JSON.parse(target.received[0]!.body);
    expect(body.object).toBe('instagram');
    expect(body.entry.map((e: { id: string }) => e.id)).toEqual([
      '17841400000000001',
      '17841400000000002',
    ]);
    expect(body.entry[1]).toMatchObject({
      time: 1714414961,
      changes: [change('c2'), change('c3')],
    });
    expect(body.entry[0].time).toBe(Math.floor(emulator.control.now() / 1000));
  });

  it('retries non-2xx answers with a doubling backoff, and gives up after the attempts', async () => {
    const target = await callback([500, 503]);
    const result = await emulator.control.sendWebhook({
      callbackUrl: target.url,
      entries: [{ changes: [change('c1')] }],
      backoffMs: 80,
    });
    expect(result.copies).toEqual([{ statuses: [500, 503, 200], delivered: true }]);
    const [a, b, c] = target.received.map((r) => r.at);
    expect(b! - a!).toBeGreaterThanOrEqual(75);
    expect(c! - b!).toBeGreaterThanOrEqual(155);
    const failing = await callback([500, 500, 500]);
    expect(
      (
        await emulator.control.sendWebhook({
          callbackUrl: failing.url,
          entries: [{ changes: [change('c1')] }],
          attempts: 2,
          backoffMs: 1,
        })
      ).copies,
    ).toEqual([{ statuses: [500, 500], delivered: false }]);
  });

  it('sends duplicates: the same bytes, signature included, several times', async () => {
    const target = await callback();
    await emulator.control.sendWebhook({
      callbackUrl: target.url,
      entries: [{ changes: [change('c1')] }],
      copies: 3,
    });
    expect(target.received).toHaveLength(3);
    expect(
      new Set(target.received.map((r) => `${r.headers['x-hub-signature-256']} ${r.body}`)).size,
    ).toBe(1);
  });

  it('is driven over HTTP by POST /__control/webhooks, refusing bad input with 400', async () => {
    const target = await callback();
    const answer = await request(`${emulator.origin}/__control/webhooks`, {
      method: 'POST',
      body: JSON.stringify({
        callbackUrl: target.url,
        entries: [{ changes: [change('c1')] }],
        copies: 2,
      }),
    });
    expect(answer.statusCode).toBe(200);
    expect(((await answer.body.json()) as { copies: unknown[] }).copies).toHaveLength(2);
    const bad = await request(`${emulator.origin}/__control/webhooks`, {
      method: 'POST',
      body: JSON.stringify({ callbackUrl: target.url, entries: [] }),
    });
    expect(bad.statusCode).toBe(400);
    await bad.body.dump();
  });
});
