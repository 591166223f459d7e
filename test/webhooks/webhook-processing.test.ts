import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { DebouncedRebuild, httpDeployHook } from '../../integration/rebuild/index.ts';
import type { StateStore } from '../../integration/store/index.ts';
import { galleryEffects } from '../../integration/webhooks/index.ts';
import { startHookServer, startWebhookSite } from '../helpers/webhook-site.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const comment = (id: string) => ({
  field: 'comments',
  value: { id, text: 'Nice!', media: { id: '17918195224117851', media_product_type: 'FEED' } },
});
const message = (mid: string) => ({
  sender: { id: '1' },
  recipient: { id: '17841400000000001' },
  timestamp: 1,
  message: { mid, text: 'hi' },
});

describe('processing webhook events', () => {
  it('answers before processing: a slow processor does not delay the 200', async () => {
    let processed = 0;
    // The processor is held until the 200 is in: an endpoint that waited for it would never answer.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const site = await startWebhookSite({
      process: () => async () => {
        await held;
        processed++;
        return 'slow';
      },
    });
    cleanups.push(site.close);
    const sent = await emulator.control.sendWebhook({
      callbackUrl: site.callbackUrl,
      entries: [{ changes: [comment('c1')] }],
    });
    expect(sent.copies[0]!.statuses).toEqual([200]);
    expect(processed).toBe(0);
    release();
    await site.processor.whenIdle();
    expect(processed).toBe(1);
    expect(await site.store.unprocessedWebhookEvents()).toEqual([]);
  });

  it('marks the account changed and requests a rebuild for comments, and ignores messages', async () => {
    const hook = await startHookServer();
    cleanups.push(hook.close);
    let rebuild!: DebouncedRebuild;
    const site = await startWebhookSite({
      process: (store: StateStore) => async (event) => {
        rebuild ??= await DebouncedRebuild.open({
          hook: httpDeployHook(`${hook.origin}/build_hooks/abc`),
          store,
          quietMs: 1_000,
          attempts: 1,
          backoffMs: 10,
        });
        return galleryEffects({ store, rebuild, rebuildFields: ['comments'] })(event);
      },
    });
    cleanups.push(site.close);
    await emulator.control.sendWebhook({
      callbackUrl: site.callbackUrl,
      entries: [{ messaging: [message('m1')] }],
    });
    await site.processor.whenIdle();
    expect(await site.store.dirtyAccounts()).toEqual([]);
    await emulator.control.sendWebhook({
      callbackUrl: site.callbackUrl,
      entries: [{ changes: [comment('c1')] }],
    });
    await site.processor.whenIdle();
    expect((await site.store.dirtyAccounts()).map((a) => a.accountId)).toEqual([
      '17841400000000001',
    ]);
    expect(await rebuild.status()).toMatchObject({
      configured: true,
      lastOutcome: 'pending',
      lastReason: 'Instagram webhook: comments on account 17841400000000001',
    });
    await rebuild.whenIdle();
    expect(hook.calls).toHaveLength(1);
    expect((await rebuild.status()).lastOutcome).toBe('ok');
    expect(await site.store.dirtyAccounts()).toEqual([]);
  });

  it('turns 100 events in a burst into one rebuild', async () => {
    const hook = await startHookServer();
    cleanups.push(hook.close);
    let rebuild!: DebouncedRebuild;
    const site = await startWebhookSite({
      process: (store) => async (event) => {
        rebuild ??= await DebouncedRebuild.open({
          hook: httpDeployHook(`${hook.origin}/build_hooks/abc`),
          store,
          quietMs: 1_000,
          attempts: 1,
          backoffMs: 10,
        });
        return galleryEffects({ store, rebuild, rebuildFields: ['comments'] })(event);
      },
    });
    cleanups.push(site.close);
    await Promise.all(
      Array.from({ length: 10 }, (_, batch) =>
        emulator.control.sendWebhook({
          callbackUrl: site.callbackUrl,
          entries: Array.from({ length: 10 }, (_, i) => ({
            changes: [comment(`burst-${batch}-${i}`)],
          })),
        }),
      ),
    );
    await site.processor.whenIdle();
    expect((await site.store.webhookEventSummary()).total).toBe(100);
    await rebuild.whenIdle();
    await sleep(400);
    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]!.body).toBe('');
  });
});
