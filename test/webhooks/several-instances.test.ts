import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  openSqliteStore,
  TokenCipher,
  type StateStore,
  type StoredWebhookEvent,
} from '../../integration/store/index.ts';
import {
  WEBHOOK_CLAIM_BATCH,
  WEBHOOK_CLAIM_MS,
  WebhookProcessor,
} from '../../integration/webhooks/index.ts';

// Two server instances on one sqlite file, each with its own connection and processor. Whose
// claim has lapsed is decided by each processor's injected clock, never by waiting.

let dir = '';
const stores: StateStore[] = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-webhook-instances-'));
});
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  await rm(dir, { recursive: true, force: true });
});

const instance = async () => {
  const store = await openSqliteStore({
    path: path.join(dir, 'state.db'),
    cipher: TokenCipher.fromKeys({ current: Buffer.alloc(32, 3), old: [] }),
  });
  stores.push(store);
  return store;
};

function events(count: number): StoredWebhookEvent[] {
  return Array.from({ length: count }, (_, n) => ({
    dedupKey: `comments:17841400000000001:${String(n).padStart(3, '0')}`,
    object: 'instagram',
    accountId: '17841400000000001',
    field: 'comments',
    payload: { value: { id: `c${n}` } },
    receivedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, 0, n)).toISOString(),
  }));
}

/** Records which instance ran the effects of which event. */
function effectsLog() {
  const ran: { instance: string; key: string }[] = [];
  return {
    ran,
    of: (instance: string) => async (event: StoredWebhookEvent) => {
      ran.push({ instance, key: event.dedupKey });
      await new Promise((resolve) => setImmediate(resolve)); // let the other instance in
      return `ran on ${instance}`;
    },
    keys: () => ran.map((each) => each.key).sort(),
  };
}

describe('webhook events with several server instances on one store', () => {
  it('are processed once between instances draining at the same time', async () => {
    const [a, b] = [await instance(), await instance()];
    const all = events(3 * WEBHOOK_CLAIM_BATCH);
    await a.addWebhookEvents(all);
    const effects = effectsLog();
    const processors = [
      new WebhookProcessor({ store: a, process: effects.of('a') }),
      new WebhookProcessor({ store: b, process: effects.of('b') }),
    ];
    for (const processor of processors) processor.schedule();
    await Promise.all(processors.map((processor) => processor.whenIdle()));
    expect(effects.keys()).toEqual(all.map((each) => each.dedupKey));
    expect(new Set(effects.ran.map((each) => each.instance))).toEqual(new Set(['a', 'b']));
    expect(await b.webhookEventSummary()).toMatchObject({ total: all.length, unprocessed: 0 });
  });

  it('claimed by an instance that died are processed by another once the claim lapsed', async () => {
    const [a, b] = [await instance(), await instance()];
    const all = events(WEBHOOK_CLAIM_BATCH + 10);
    await a.addWebhookEvents(all);
    const effects = effectsLog();
    // a claims the first batch and dies while running the effects of its first event.
    const dead = new WebhookProcessor({
      store: a,
      process: (event) => {
        effects.ran.push({ instance: 'a', key: event.dedupKey });
        return new Promise<string>(() => {});
      },
    });
    dead.schedule();
    await vi.waitFor(() => expect(effects.ran).toHaveLength(1));
    let offset = 0;
    const alive = new WebhookProcessor({
      store: b,
      process: effects.of('b'),
      now: () => Date.now() + offset,
    });
    alive.schedule();
    await alive.whenIdle();
    // While a's claim lasts, b processes only the events a did not claim.
    const afterFirstDrain = effects.ran.filter((each) => each.instance === 'b').length;
    expect(afterFirstDrain).toBe(10);
    offset = WEBHOOK_CLAIM_MS;
    alive.schedule(); // the background work's sweep
    await alive.whenIdle();
    const byB = effects.ran.filter((each) => each.instance === 'b').map((each) => each.key);
    expect(byB.sort()).toEqual(all.map((each) => each.dedupKey));
    expect(await b.webhookEventSummary()).toMatchObject({ unprocessed: 0 });
  });

  it('stop processing a batch once their claim lapsed while they were stalled', async () => {
    const [a, b] = [await instance(), await instance()];
    const all = events(5);
    await a.addWebhookEvents(all);
    const effects = effectsLog();
    let wake!: () => void;
    const stalled = new Promise<void>((resolve) => {
      wake = resolve;
    });
    let aOffset = 0;
    const slow = new WebhookProcessor({
      store: a,
      now: () => Date.now() + aOffset,
      process: async (event) => {
        effects.ran.push({ instance: 'a', key: event.dedupKey });
        await stalled; // a long pause (GC, a suspended VM) in the first event
        return 'ran on a';
      },
    });
    slow.schedule();
    await vi.waitFor(() => expect(effects.ran).toHaveLength(1));
    const other = new WebhookProcessor({
      store: b,
      process: effects.of('b'),
      now: () => Date.now() + WEBHOOK_CLAIM_MS,
    });
    other.schedule();
    await other.whenIdle();
    aOffset = WEBHOOK_CLAIM_MS;
    wake();
    await slow.whenIdle();
    // a finishes the event it was in, then sees its claim lapsed and leaves the rest to b.
    expect(effects.ran.filter((each) => each.instance === 'a')).toEqual([
      { instance: 'a', key: all[0]!.dedupKey },
    ]);
    expect(effects.ran.filter((each) => each.instance === 'b').map((each) => each.key)).toEqual(
      all.map((each) => each.dedupKey),
    );
  });
});
