import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addEndpoint,
  OutgoingWebhooks,
  RETRY_WINDOW_MS,
  retryDelayMs,
  rotateEndpointSecret,
} from '../../integration/outgoing/index.ts';
import type { OutgoingEndpoint, StateStore } from '../../integration/store/index.ts';
import {
  startWebhookReceiver,
  verified,
  type WebhookReceiver,
} from '../helpers/webhook-receiver.ts';
import { BACKENDS, useBackend } from './store-backends.ts';

// The outbox over real HTTP to a local receiver, on a sqlite file and a real PostgreSQL. The
// outbox's clock stands at the test's start, moved by `offset`: no test waits for a backoff, and
// moves within the 5 minutes standardwebhooks' verify tolerates keep every signature verifiable.
// Drains run when a test calls them (`manual`), so it knows what each one sent.

let base = Date.now();
let offset = 0;
const clock = () => base + offset;

describe.each(BACKENDS)('the outbox of outgoing webhooks in $name', (backend) => {
  useBackend(backend);
  let receivers: WebhookReceiver[] = [];
  const receiver = async () => {
    const started = await startWebhookReceiver();
    receivers.push(started);
    return started;
  };
  beforeEach(() => {
    base = Date.now();
    offset = 0;
  });
  afterEach(async () => {
    await Promise.all(receivers.map((each) => each.close()));
    receivers = [];
  });
  const outbox = (store: StateStore, instanceId = 'a') =>
    new OutgoingWebhooks({ store, now: clock, instanceId, manual: true });

  it('sends a signed { type, timestamp, data } that standardwebhooks verifies', async () => {
    const store = await backend.open();
    const hooks = await receiver();
    const endpoint = await addEndpoint(store, { url: hooks.url(), events: ['upload.pending'] });
    const sender = outbox(store);
    await sender.emit('upload.pending', { eventId: 'night-run', photo: 'a.jpg' });
    await sender.emit('post.published', { mediaId: '1' }); // not subscribed
    expect(await sender.drain()).toBe(1);
    const [request] = hooks.received;
    expect(verified(endpoint.secret, request!)).toEqual({
      type: 'upload.pending',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { eventId: 'night-run', photo: 'a.jpg' },
    });
    expect(request!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(() => verified(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, request!)).toThrow(
      'No matching signature',
    );
    const [logged] = await store.listOutgoingDeliveries();
    expect(logged).toMatchObject({ status: 'delivered', attempts: 1, lastResponseCode: 204 });
  });

  it('retries a failing endpoint with exponential backoff until 24 h after the event, then marks it failed', async () => {
    const store = await backend.open();
    const hooks = await receiver();
    hooks.down();
    await addEndpoint(store, { url: hooks.url(), events: ['build.requested'] });
    const sender = outbox(store);
    const start = clock();
    await sender.emit('build.requested', { reason: 'approval' });
    // The times the schedule promises: 10 s, 20 s, 40 s … up to an hour apart, within 24 h.
    const expected = [0];
    for (let failures = 1; ; failures++) {
      const next = expected.at(-1)! + retryDelayMs(failures);
      if (next > RETRY_WINDOW_MS) break;
      expected.push(next);
    }
    const attemptsAt: number[] = [];
    for (let guard = 0; guard < 100; guard++) {
      const [delivery] = await store.listOutgoingDeliveries();
      if (delivery!.status !== 'pending') break;
      const due = Date.parse(delivery!.nextAttemptAt) - base;
      offset = due - 1;
      expect(await sender.drain()).toBe(0); // a millisecond early: nothing
      offset = due;
      expect(await sender.drain()).toBe(1);
      attemptsAt.push(clock() - start);
    }
    expect(attemptsAt.map((ms) => Math.round(ms / 1000))).toEqual(
      expected.map((ms) => Math.round(ms / 1000)),
    );
    const [failed] = await store.listOutgoingDeliveries();
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: expected.length,
      lastResponseCode: 503,
      lastError: 'the endpoint answered HTTP 503',
    });
    offset += RETRY_WINDOW_MS;
    expect(await sender.drain()).toBe(0);
    expect(hooks.received).toHaveLength(expected.length);
  });

  it('keeps an endpoint that is down from holding up another, and gives it every event in order once back', async () => {
    const store = await backend.open();
    const [down, up] = [await receiver(), await receiver()];
    down.down();
    const a = await addEndpoint(store, { url: down.url(), events: ['post.published'] });
    const b = await addEndpoint(store, { url: up.url(), events: ['post.published'] });
    const sender = outbox(store);
    for (const n of [1, 2, 3]) await sender.emit('post.published', { n }, `job-${n}`);
    await sender.drain();
    expect(up.received.map((r) => verified(b.secret, r).data)).toEqual([
      { n: 1 },
      { n: 2 },
      { n: 3 },
    ]);
    expect(down.received.map((r) => verified(a.secret, r).data)).toEqual([{ n: 1 }]);
    offset = 10_000;
    await sender.drain();
    expect(down.received.map((r) => verified(a.secret, r).data)).toEqual([{ n: 1 }, { n: 1 }]);
    down.up();
    offset = 30_000;
    await sender.drain();
    expect(down.received.map((r) => verified(a.secret, r).data)).toEqual([
      { n: 1 },
      { n: 1 },
      { n: 1 },
      { n: 2 },
      { n: 3 },
    ]);
    // One message id per event, the same on every attempt.
    expect(new Set(down.received.map((r) => r.headers['webhook-id'])).size).toBe(3);
  });

  it('signs with both secrets during a rotation overlap, and with the new one only after it', async () => {
    const store = await backend.open();
    const hooks = await receiver();
    const endpoint = await addEndpoint(store, {
      url: hooks.url(),
      events: ['account.disconnected'],
    });
    // Rotated 24 h less a minute ago: the overlap ends in a minute.
    const secret = await rotateEndpointSecret(store, endpoint.id, base - 86_400_000 + 60_000);
    const sender = outbox(store);
    await sender.emit('account.disconnected', { userId: '17841400000000001' });
    await sender.drain();
    offset = 61_000;
    await sender.emit('account.disconnected', { userId: '17841400000000002' });
    await sender.drain();
    const [during, after] = hooks.received as [
      (typeof hooks.received)[0],
      (typeof hooks.received)[0],
    ];
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verified(secret!, during).data).toEqual({ userId: '17841400000000001' });
    expect(verified(endpoint.secret, during).data).toEqual({ userId: '17841400000000001' });
    expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
    expect(verified(secret!, after).data).toEqual({ userId: '17841400000000002' });
    expect(() => verified(endpoint.secret, after)).toThrow('No matching signature');
  });

  it('keeps what was not sent across a restart: the next process sends it', async () => {
    const before = await backend.open();
    const hooks = await receiver();
    const endpoint = await addEndpoint(before, { url: hooks.url(), events: ['upload.pending'] });
    await outbox(before, 'old').emit('upload.pending', { name: 'a.jpg' });
    await before.close(); // stopped before any drain
    const after = await backend.open();
    expect(await outbox(after, 'new').drain()).toBe(1);
    expect(hooks.received.map((r) => verified(endpoint.secret, r).data)).toEqual([
      { name: 'a.jpg' },
    ]);
  });

  it('sends each delivery once, in order per endpoint, with two instances draining at once', async () => {
    const [one, two] = [await backend.open(), await backend.open()];
    const hooks = await receiver();
    const endpoints: OutgoingEndpoint[] = [];
    for (const path of ['/x', '/y', '/z'])
      endpoints.push(await addEndpoint(one, { url: hooks.url(path), events: ['upload.pending'] }));
    const senders = [outbox(one, 'a'), outbox(two, 'b')];
    for (let n = 1; n <= 12; n++) await senders[n % 2]!.emit('upload.pending', { n });
    await Promise.all(senders.map((sender) => sender.drain()));
    await Promise.all(senders.map((sender) => sender.drain()));
    for (const [i, path] of ['/x', '/y', '/z'].entries()) {
      const got = hooks.received
        .filter((r) => r.path === path)
        .map((r) => verified(endpoints[i]!.secret, r).data.n);
      expect(got).toEqual(Array.from({ length: 12 }, (_, n) => n + 1));
    }
  });
});
