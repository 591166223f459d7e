import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { RateLimitAttempt } from '../../integration/store/index.ts';
import type { RaceOrders, RaceResult } from './shared-state-racer.ts';
import { BACKENDS, useBackend } from './store-backends.ts';
import { KEY_A } from './store-fixtures.ts';

const T0 = Date.parse('2026-12-06T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const MINUTE = 60_000;

const ticket = (n: number) => ({
  id: `ticket-${n}`,
  eventId: 'market',
  label: 'IMG_0001 – Glühwein 🎉.jpg',
  bytes: 1234,
  nested: { list: [1, 'two', null], flag: true },
});

const attempt = (ms: number, overrides: Partial<RateLimitAttempt> = {}): RateLimitAttempt => ({
  limit: 'guest upload',
  client: '10.0.0.1',
  max: 3,
  windowMs: 10 * MINUTE,
  at: at(ms),
  ...overrides,
});

/**
 * Races four servers, each in a thread of its own with its own connection: all are released at
 * once and go through the same work in the same order, so they collide on every item.
 */
async function race(
  env: Record<string, string>,
  work: Pick<RaceOrders, 'tickets' | 'attempts'>,
): Promise<RaceResult[]> {
  const start = new SharedArrayBuffer(4);
  const workers = Array.from(
    { length: 4 },
    () =>
      new Worker(new URL('./shared-state-racer.ts', import.meta.url), {
        workerData: { env, key: KEY_A, start, now: at(0), ...work } satisfies RaceOrders,
      }),
  );
  const next = (worker: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  try {
    await Promise.all(workers.map(next));
    const results = workers.map(next);
    Atomics.store(new Int32Array(start), 0, 1);
    Atomics.notify(new Int32Array(start), 0);
    return (await Promise.all(results)) as RaceResult[];
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

describe.each(BACKENDS)('expiring values in $name', (backend) => {
  useBackend(backend);

  it('are read until they expire, as they were written, and replaced by a later put', async () => {
    const store = await backend.open();
    await store.putExpiring('ticket', 'market/1', ticket(1), at(15 * MINUTE));
    expect(await store.getExpiring('ticket', 'market/1', at(0))).toEqual(ticket(1));
    expect(await store.getExpiring('ticket', 'market/1', at(15 * MINUTE - 1))).toEqual(ticket(1));
    expect(await store.getExpiring('ticket', 'market/1', at(15 * MINUTE))).toBeUndefined();
    await store.putExpiring('ticket', 'market/1', 'a plain string', at(30 * MINUTE));
    expect(await store.getExpiring('ticket', 'market/1', at(20 * MINUTE))).toBe('a plain string');
    expect(await store.getExpiring('session', 'market/1', at(0))).toBeUndefined();
    expect(await backend.count('expiring_values')).toBe(1);
  });

  it('are taken once; a value expired by then is not returned, and is gone too', async () => {
    const store = await backend.open();
    await store.putExpiring('ticket', 'market/1', ticket(1), at(MINUTE));
    await store.putExpiring('ticket', 'market/2', ticket(2), at(MINUTE));
    expect(await store.takeExpiring('ticket', 'market/1', at(0))).toEqual(ticket(1));
    expect(await store.takeExpiring('ticket', 'market/1', at(0))).toBeUndefined();
    expect(await store.takeExpiring('ticket', 'market/2', at(MINUTE))).toBeUndefined();
    expect(await backend.count('expiring_values')).toBe(0);
  });

  it('are deleted by key, and only that key', async () => {
    const store = await backend.open();
    await store.putExpiring('session', 'a', 'A', at(MINUTE));
    await store.putExpiring('session', 'b', 'B', at(MINUTE));
    await store.deleteExpiring('session', 'a');
    expect(await store.getExpiring('session', 'a', at(0))).toBeUndefined();
    expect(await store.getExpiring('session', 'b', at(0))).toBe('B');
  });

  it('written through one store are read and taken through another on the same database', async () => {
    const [one, two] = [await backend.open(), await backend.open()];
    await one.putExpiring('ticket', 'market/1', ticket(1), at(MINUTE));
    expect(await two.getExpiring('ticket', 'market/1', at(0))).toEqual(ticket(1));
    expect(await two.takeExpiring('ticket', 'market/1', at(0))).toEqual(ticket(1));
    expect(await one.takeExpiring('ticket', 'market/1', at(0))).toBeUndefined();
  });

  it('taken by several stores at once go to exactly one of them', async () => {
    const stores = await Promise.all([backend.open(), backend.open(), backend.open()]);
    const keys = Array.from({ length: 20 }, (_, n) => `market/${n}`);
    for (const [n, key] of keys.entries())
      await stores[0]?.putExpiring('ticket', key, ticket(n), at(MINUTE));
    const taken = await Promise.all(
      keys.flatMap((key) => stores.map((store) => store.takeExpiring('ticket', key, at(0)))),
    );
    expect(taken.filter((value) => value !== undefined)).toHaveLength(keys.length);
    expect(await backend.count('expiring_values')).toBe(0);
  });

  it('taken by servers in other threads at once go to exactly one of them', async () => {
    const store = await backend.open();
    const keys = Array.from({ length: 100 }, (_, n) => `market/${n}`);
    for (const [n, key] of keys.entries())
      await store.putExpiring('ticket', key, ticket(n), at(MINUTE));
    const results = await race(backend.env() as Record<string, string>, {
      tickets: keys,
      attempts: [],
    });
    expect(results.flatMap((result) => result.taken).sort()).toEqual([...keys].sort());
  });
});

describe.each(BACKENDS)('rate limits in $name', (backend) => {
  useBackend(backend);

  it('count hits per limit and client in a sliding window, and say how long to wait', async () => {
    const store = await backend.open();
    expect(await store.takeRateLimit(attempt(0))).toBe(0);
    expect(await store.takeRateLimit(attempt(MINUTE))).toBe(0);
    expect(await store.takeRateLimit(attempt(2 * MINUTE))).toBe(0);
    expect(await store.takeRateLimit(attempt(3 * MINUTE))).toBe(7 * MINUTE);
    expect(await store.takeRateLimit(attempt(3 * MINUTE, { client: '10.0.0.2' }))).toBe(0);
    expect(await store.takeRateLimit(attempt(3 * MINUTE, { limit: 'admin login' }))).toBe(0);
    // The first hit leaves the window at 10 minutes: one more then, and the next waits for the second.
    expect(await store.takeRateLimit(attempt(10 * MINUTE))).toBe(0);
    expect(await store.takeRateLimit(attempt(10 * MINUTE))).toBe(MINUTE);
  });

  it('forget a client once cleared, and only that client', async () => {
    const store = await backend.open();
    for (const client of ['10.0.0.1', '10.0.0.2'])
      for (let i = 0; i < 3; i++) await store.takeRateLimit(attempt(0, { client }));
    await store.clearRateLimit('guest upload', '10.0.0.1');
    expect(await store.takeRateLimit(attempt(MINUTE))).toBe(0);
    expect(await store.takeRateLimit(attempt(MINUTE, { client: '10.0.0.2' }))).toBeGreaterThan(0);
  });

  it('count together the hits a client spreads over two stores', async () => {
    const [one, two] = [await backend.open(), await backend.open()];
    expect(await one.takeRateLimit(attempt(0))).toBe(0);
    expect(await two.takeRateLimit(attempt(1))).toBe(0);
    expect(await one.takeRateLimit(attempt(2))).toBe(0);
    expect(await two.takeRateLimit(attempt(3))).toBe(10 * MINUTE - 3);
    await one.clearRateLimit('guest upload', '10.0.0.1');
    expect(await two.takeRateLimit(attempt(4))).toBe(0);
  });

  it('let through no more than the limit when attempts race on several stores', async () => {
    const stores = await Promise.all([backend.open(), backend.open(), backend.open()]);
    const waits = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        stores.map((store) => store.takeRateLimit(attempt(i, { max: 5 }))),
      ).flat(),
    );
    expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
    expect(await backend.count('rate_limit_hits')).toBe(5);
  });

  it('let through no more than the limit when servers in other threads race', async () => {
    await backend.open(); // the schema, before the racers start
    // A limit of one for each of 100 clients: every racer tries each client, at the same time.
    const attempts = Array.from({ length: 100 }, (_, n) =>
      attempt(0, { client: `10.0.1.${n}`, max: 1 }),
    );
    const results = await race(backend.env() as Record<string, string>, {
      tickets: [],
      attempts,
    });
    const allowed = results.flatMap((result) => result.waits.filter((wait) => wait === 0));
    expect(allowed).toHaveLength(attempts.length);
    expect(await backend.count('rate_limit_hits')).toBe(attempts.length);
  });
});

describe.each(BACKENDS)('pruning in $name', (backend) => {
  useBackend(backend);

  it('deletes the values and hits expired by then, and keeps the others', async () => {
    const store = await backend.open();
    await store.putExpiring('ticket', 'old', ticket(1), at(MINUTE));
    await store.putExpiring('session', 'live', 'S', at(20 * MINUTE));
    await store.takeRateLimit(attempt(0)); // leaves the window at 10 minutes
    await store.takeRateLimit(attempt(15 * MINUTE, { client: '10.0.0.2' }));
    expect(await store.pruneExpired(at(10 * MINUTE))).toBe(2);
    expect(await backend.count('expiring_values')).toBe(1);
    expect(await backend.count('rate_limit_hits')).toBe(1);
    expect(await store.getExpiring('session', 'live', at(10 * MINUTE))).toBe('S');
    expect(await store.pruneExpired(at(10 * MINUTE))).toBe(0);
  });
});
