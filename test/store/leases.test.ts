import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  LeaseBusyError,
  processLeases,
  StoreError,
  withLease,
  type Leases,
  type StateStore,
} from '../../integration/store/index.ts';
import { BACKENDS, useBackend } from './store-backends.ts';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const MINUTE = 60_000;

describe.each(BACKENDS)('leases in $name', (backend) => {
  useBackend(backend);

  const row = async (name: string) =>
    (
      await backend.query('SELECT holder, acquired_at, expires_at FROM leases WHERE name = ?', [
        name,
      ])
    )[0];

  it('go to the first holder and to no one else until they expire', async () => {
    const store = await backend.open();
    expect(await store.acquireLease('token-refresh:1', 'a', MINUTE, T0)).toBe(true);
    expect(await store.acquireLease('token-refresh:1', 'b', MINUTE, T0 + 1_000)).toBe(false);
    expect(await store.acquireLease('token-refresh:1', 'b', MINUTE, T0 + MINUTE - 1)).toBe(false);
    expect(await store.acquireLease('token-refresh:1', 'b', MINUTE, T0 + MINUTE)).toBe(true);
    expect(await row('token-refresh:1')).toEqual({
      holder: 'b',
      acquired_at: new Date(T0 + MINUTE).toISOString(),
      expires_at: new Date(T0 + 2 * MINUTE).toISOString(),
    });
    expect(await store.acquireLease('token-refresh:1', 'a', MINUTE, T0 + MINUTE + 1)).toBe(false);
  });

  it('are renewed by their holder, who keeps them from when they were first taken', async () => {
    const store = await backend.open();
    expect(await store.acquireLease('rebuild', 'a', MINUTE, T0)).toBe(true);
    expect(await store.acquireLease('rebuild', 'a', MINUTE, T0 + 50_000)).toBe(true);
    expect(await store.acquireLease('rebuild', 'b', MINUTE, T0 + 70_000)).toBe(false);
    expect(await row('rebuild')).toEqual({
      holder: 'a',
      acquired_at: new Date(T0).toISOString(),
      expires_at: new Date(T0 + 50_000 + MINUTE).toISOString(),
    });
  });

  it('are released by their holder only, and are then free for anyone', async () => {
    const store = await backend.open();
    await store.acquireLease('moderation:market', 'a', MINUTE, T0);
    expect(await store.releaseLease('moderation:market', 'b')).toBe(false);
    expect(await store.acquireLease('moderation:market', 'b', MINUTE, T0 + 1)).toBe(false);
    expect(await store.releaseLease('moderation:market', 'a')).toBe(true);
    expect(await store.releaseLease('moderation:market', 'a')).toBe(false);
    expect(await store.acquireLease('moderation:market', 'b', MINUTE, T0 + 2)).toBe(true);
  });

  it('of different names do not exclude each other', async () => {
    const store = await backend.open();
    expect(await store.acquireLease('moderation:market', 'a', MINUTE, T0)).toBe(true);
    expect(await store.acquireLease('moderation:harbour', 'b', MINUTE, T0)).toBe(true);
    expect(await backend.count('leases')).toBe(2);
  });

  it('go to exactly one of many holders asking at once through separate connections', async () => {
    const stores = await Promise.all([backend.open(), backend.open(), backend.open()]);
    const asks = Array.from({ length: 30 }, (_, i) =>
      stores[i % 3]!.acquireLease('token-check', `holder-${i}`, MINUTE, T0),
    );
    const granted = (await Promise.all(asks)).filter(Boolean);
    expect(granted).toHaveLength(1);
    expect(await backend.count('leases')).toBe(1);
  });

  it('refuse a duration that is not a positive whole number of milliseconds, and empty names', async () => {
    const store = await backend.open();
    await expect(store.acquireLease('x', 'a', 0, T0)).rejects.toThrow(StoreError);
    await expect(store.acquireLease('x', 'a', 1.5, T0)).rejects.toThrow(/whole number/);
    await expect(store.acquireLease('', 'a', MINUTE, T0)).rejects.toThrow(/needs a name/);
    expect(await backend.count('leases')).toBe(0);
  });
});

describe.each(BACKENDS)('running a task under a lease, in $name', (backend) => {
  useBackend(backend);

  /** Three instances on one database: their own store handle and lease owner each. */
  const instances = async (now?: () => number): Promise<{ store: StateStore; leases: Leases }[]> =>
    Promise.all(
      [1, 2, 3].map(async () => {
        const store = await backend.open();
        return { store, leases: processLeases(store, now) };
      }),
    );

  it('runs the tasks of several instances one at a time, each of them', async () => {
    const all = await instances();
    let running = 0;
    let most = 0;
    const ran: string[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        withLease(
          all[i % 3]!.leases,
          'moderation:market',
          { ttlMs: 10_000, waitMs: 60_000 },
          async () => {
            running++;
            most = Math.max(most, running);
            await sleep(2);
            ran.push(`task ${i}`);
            running--;
          },
        ),
      ),
    );
    expect(most).toBe(1);
    expect(ran).toHaveLength(12);
    expect(await backend.count('leases')).toBe(0);
  });

  it('keeps out another task of the same instance too', async () => {
    const [one] = await instances();
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withLease(one!.leases, 'rebuild', { ttlMs: 10_000, waitMs: 60_000 }, async () => {
          most = Math.max(most, ++running);
          await sleep(2);
          running--;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it('gives up with LeaseBusyError once it waited as long as allowed', async () => {
    const [a, b] = await instances();
    let release!: () => void;
    const held = withLease(
      a!.leases,
      'rebuild',
      { ttlMs: 60_000, waitMs: 0 },
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    await expect.poll(() => backend.count('leases')).toBe(1);
    const refused = withLease(b!.leases, 'rebuild', { ttlMs: 60_000, waitMs: 50 }, async () => 1);
    await expect(refused).rejects.toThrow(LeaseBusyError);
    await expect(refused).rejects.toThrow(/"rebuild" is held by another task or instance/);
    release();
    await held;
    expect(await withLease(b!.leases, 'rebuild', { ttlMs: 60_000, waitMs: 0 }, async () => 2)).toBe(
      2,
    );
  });

  it('releases the lease when the task throws', async () => {
    const [a, b] = await instances();
    await expect(
      withLease(a!.leases, 'rebuild', { ttlMs: 60_000, waitMs: 0 }, async () => {
        throw new Error('hook down');
      }),
    ).rejects.toThrow('hook down');
    expect(
      await withLease(b!.leases, 'rebuild', { ttlMs: 60_000, waitMs: 0 }, async () => 'ok'),
    ).toBe('ok');
  });

  it('takes over the lease of an instance that died, once it expired', async () => {
    let clock = T0;
    const [survivor] = await instances(() => clock);
    // The dead instance took the lease and never released it.
    const dead = await backend.open();
    expect(await dead.acquireLease('token-check', 'dead-host/1/ab#1', MINUTE, T0)).toBe(true);
    await expect(
      withLease(survivor!.leases, 'token-check', { ttlMs: MINUTE, waitMs: 0 }, async () => 'ran'),
    ).rejects.toThrow(LeaseBusyError);
    clock = T0 + MINUTE;
    expect(
      await withLease(
        survivor!.leases,
        'token-check',
        { ttlMs: MINUTE, waitMs: 0 },
        async () => 'ran',
      ),
    ).toBe('ran');
  });

  it('renews the lease while a task runs longer than its duration', async () => {
    let clock = T0;
    const [a, b] = await instances(() => clock);
    const ttlMs = 30;
    let finish!: () => void;
    const long = withLease(a!.leases, 'rebuild', { ttlMs, waitMs: 0 }, async () => {
      // Past the first expiry; the heartbeat (every 10 ms) renews from this clock.
      clock = T0 + 10 * ttlMs;
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    await expect
      .poll(async () => {
        const [lease] = await backend.query('SELECT expires_at FROM leases WHERE name = ?', [
          'rebuild',
        ]);
        return String(lease?.expires_at) > new Date(clock).toISOString();
      })
      .toBe(true);
    expect(await b!.store.acquireLease('rebuild', 'someone-else', ttlMs, clock)).toBe(false);
    finish();
    await long;
    expect(await backend.count('leases')).toBe(0);
  });
});

describe.each(BACKENDS)('changing the rebuild status in $name', (backend) => {
  useBackend(backend);

  it('starts from nothing and returns what it wrote', async () => {
    const store = await backend.open();
    const written = await store.updateRebuildStatus<{ requests: number }>((current) => ({
      requests: (current?.requests ?? 0) + 1,
    }));
    expect(written).toEqual({ requests: 1 });
    expect(await store.getRebuildStatus()).toEqual({ requests: 1 });
  });

  it('loses no change when several instances change it at once', async () => {
    const stores = await Promise.all([backend.open(), backend.open(), backend.open()]);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        stores[i % 3]!.updateRebuildStatus<{ requests: number; seen: number[] }>((current) => ({
          requests: (current?.requests ?? 0) + 1,
          seen: [...(current?.seen ?? []), i],
        })),
      ),
    );
    const status = await stores[0]!.getRebuildStatus<{ requests: number; seen: number[] }>();
    expect(status?.requests).toBe(60);
    expect(status?.seen.toSorted((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it('writes nothing when the change throws', async () => {
    const store = await backend.open();
    await store.saveRebuildStatus({ requests: 3 });
    await expect(
      store.updateRebuildStatus(() => {
        throw new Error('bad change');
      }),
    ).rejects.toThrow('bad change');
    expect(await store.getRebuildStatus()).toEqual({ requests: 3 });
  });
});
