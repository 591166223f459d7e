import { describe, expect, it } from 'vitest';
import type { StoredWebhookEvent } from '../../integration/store/index.ts';
import { leaseAt, otherInstances } from './claims.ts';
import { BACKENDS, useBackend } from './store-backends.ts';

// Several stores on one sqlite file or one PostgreSQL database, as several server instances
// draining webhook events. Claim times are given, never read from a clock.

const CLAIM_MS = 60_000;

function event(n: number): StoredWebhookEvent {
  return {
    dedupKey: `comments:17841400000000001:${String(n).padStart(3, '0')}`,
    object: 'instagram',
    accountId: '17841400000000001',
    field: 'comments',
    payload: { time: 1_750_000_000 + n, value: { id: `c${n}` } },
    receivedAt: new Date(Date.UTC(2025, 5, 1, 9, 0, n)).toISOString(),
  };
}

const keys = (events: StoredWebhookEvent[]) => events.map((each) => each.dedupKey);
const claim = (owner: string, atMs = 0) => leaseAt(owner, atMs, CLAIM_MS);

describe.each(BACKENDS)('webhook event claims in $name', (backend) => {
  useBackend(backend);

  it('give the unprocessed events, oldest first, up to the limit, and not again', async () => {
    const store = await backend.open();
    await store.addWebhookEvents([event(3), event(1), event(2), event(4)]);
    await store.markWebhookEventProcessed(event(4).dedupKey, 'ignored', claim('a').now);
    expect(await store.claimWebhookEvents(claim('a'), 2)).toEqual([event(1), event(2)]);
    expect(await store.claimWebhookEvents(claim('a'), 2)).toEqual([event(3)]);
    expect(await store.claimWebhookEvents(claim('a'), 2)).toEqual([]);
  });

  it('held by a live instance are not given to another; once lapsed, they are', async () => {
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    await a.addWebhookEvents([event(1), event(2)]);
    expect(keys(await a.claimWebhookEvents(claim('a')))).toEqual(keys([event(1), event(2)]));
    await a.markWebhookEventProcessed(event(1).dedupKey, 'rebuild', claim('a', 1).now);
    // a died before it processed event 2: b gets it once a's claim lapsed, and never event 1.
    expect(await b.claimWebhookEvents(claim('b', CLAIM_MS - 1))).toEqual([]);
    expect(await b.claimWebhookEvents(claim('b', CLAIM_MS))).toEqual([event(2)]);
    expect(await a.claimWebhookEvents(claim('a', CLAIM_MS + 1))).toEqual([]);
  });

  it('give each event to one of several instances claiming at once', async () => {
    const stores = await Promise.all([backend.open(), backend.open(), backend.open()]);
    const all = Array.from({ length: 30 }, (_, n) => event(n + 1));
    await stores[0]!.addWebhookEvents(all);
    const got = await Promise.all(
      stores.map((store, i) => store.claimWebhookEvents(claim(`instance-${i}`), 30)),
    );
    expect(keys(got.flat()).sort()).toEqual(keys(all));
  });

  it('give each event to one of several instances in threads of their own draining at once', async () => {
    const store = await backend.open();
    const all = Array.from({ length: 120 }, (_, n) => event(n + 1));
    await store.addWebhookEvents(all);
    const drained = await otherInstances(
      backend.env(),
      ['a', 'b', 'c'].map((owner) => claim(owner)),
      {
        kind: 'drain-events',
        batch: 5,
      },
    );
    expect(drained.flat().sort()).toEqual(keys(all));
    expect((await store.webhookEventSummary()).unprocessed).toBe(0);
  });
});
