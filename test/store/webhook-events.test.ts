import { describe, expect, it } from 'vitest';
import type { StoredWebhookEvent } from '../../integration/store/index.ts';
import { BACKENDS, useBackend } from './store-backends.ts';

function event(n: number, overrides: Partial<StoredWebhookEvent> = {}): StoredWebhookEvent {
  return {
    dedupKey: `comments:17841400000000001:${n}`,
    object: 'instagram',
    accountId: '17841400000000001',
    field: 'comments',
    payload: { time: 1_750_000_000 + n, value: { id: `c${n}`, text: 'So good! 🎉', n } },
    receivedAt: new Date(Date.UTC(2025, 5, 1, 10, 0, n)).toISOString(),
    ...overrides,
  };
}

describe.each(BACKENDS)('webhook events in $name', (backend) => {
  useBackend(backend);

  it('are stored once per dedup key, redeliveries returned as nothing new', async () => {
    const store = await backend.open();
    expect(await store.addWebhookEvents([event(1), event(2)])).toEqual([event(1), event(2)]);
    expect(await store.addWebhookEvents([event(2), event(3)])).toEqual([event(3)]);
    expect(await store.addWebhookEvents([event(4), event(4)])).toEqual([event(4)]);
    expect(await backend.count('webhook_events')).toBe(4);
  });

  it('are stored once when several servers get the same delivery at once', async () => {
    const stores = await Promise.all([backend.open(), backend.open(), backend.open()]);
    const delivery = [event(1), event(2), event(3)];
    const added = await Promise.all(stores.map((store) => store.addWebhookEvents(delivery)));
    expect(
      added
        .flat()
        .map((each) => each.dedupKey)
        .sort(),
    ).toEqual(delivery.map((each) => each.dedupKey));
    expect(await backend.count('webhook_events')).toBe(3);
  });

  it('wait, oldest first, until marked processed', async () => {
    const store = await backend.open();
    await store.addWebhookEvents([event(3), event(1), event(2)]);
    expect(await store.unprocessedWebhookEvents()).toEqual([event(1), event(2), event(3)]);
    expect(await store.unprocessedWebhookEvents(1)).toEqual([event(1)]);
    await store.markWebhookEventProcessed(event(1).dedupKey, 'rebuild', '2025-06-01T11:00:00.000Z');
    expect(await store.unprocessedWebhookEvents()).toEqual([event(2), event(3)]);
  });

  it('are counted for /admin', async () => {
    const store = await backend.open();
    expect(await store.webhookEventSummary()).toEqual({ total: 0, unprocessed: 0 });
    await store.addWebhookEvents([event(1), event(2)]);
    await store.markWebhookEventProcessed(event(1).dedupKey, 'ignored', '2025-06-01T11:00:00.000Z');
    expect(await store.webhookEventSummary()).toEqual({
      total: 2,
      unprocessed: 1,
      lastReceivedAt: event(2).receivedAt,
    });
  });
});

describe.each(BACKENDS)('accounts changed since the last rebuild, in $name', (backend) => {
  useBackend(backend);

  it('keep the earliest change of each account, and the latest reason', async () => {
    const store = await backend.open();
    await store.markAccountDirty('2', 'media', '2025-06-01T10:05:00.000Z');
    await store.markAccountDirty('1', 'comments', '2025-06-01T10:00:00.000Z');
    await store.markAccountDirty('1', 'mentions', '2025-06-01T10:09:00.000Z');
    expect(await store.dirtyAccounts()).toEqual([
      { accountId: '1', since: '2025-06-01T10:00:00.000Z', reason: 'mentions' },
      { accountId: '2', since: '2025-06-01T10:05:00.000Z', reason: 'media' },
    ]);
  });

  it('are forgotten up to the time a rebuild started', async () => {
    const store = await backend.open();
    await store.markAccountDirty('1', 'comments', '2025-06-01T10:00:00.000Z');
    await store.markAccountDirty('2', 'media', '2025-06-01T10:05:00.000Z');
    await store.clearDirtyAccounts('2025-06-01T10:00:00.000Z');
    expect((await store.dirtyAccounts()).map((each) => each.accountId)).toEqual(['2']);
  });
});

describe.each(BACKENDS)('the rebuild status in $name', (backend) => {
  useBackend(backend);

  it('is undefined before the first request, then the last one saved', async () => {
    const store = await backend.open();
    expect(await store.getRebuildStatus()).toBeUndefined();
    await store.saveRebuildStatus({ state: 'requested', at: '2025-06-01T10:00:00.000Z' });
    const last = { state: 'done', at: '2025-06-01T10:01:00.000Z', nested: { tries: [1, 2] } };
    await store.saveRebuildStatus(last);
    expect(await store.getRebuildStatus()).toEqual(last);
    expect(await backend.count('rebuild_status')).toBe(1);
  });
});
