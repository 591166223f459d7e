import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackgroundWork } from '../../integration/server/background.ts';
import type { Services } from '../../integration/server/services.ts';

let stop = () => {};
afterEach(() => stop());

function fakeServices(takeoverScanMs = 3_600_000) {
  const calls = {
    purge: 0,
    resume: 0,
    refresh: 0,
    prune: 0,
    drain: 0,
    pruneDeliveries: 0,
    expiringCheck: 0,
    send: 0,
  };
  const services = {
    config: { tagsPollMs: 0 }, // reading /tags has its own test (tags-poll-once)
    tokens: {
      refreshDue: async () => {
        calls.refresh++;
        return [];
      },
    },
    purgeRejectedPhotos: async () => void calls.purge++,
    store: {
      pruneExpired: async () => {
        calls.prune++;
        return 0;
      },
      pruneOutgoingDeliveries: async () => {
        calls.pruneDeliveries++;
        return 0;
      },
      listAccounts: async () => {
        calls.expiringCheck++;
        return [];
      },
    },
    outgoing: { schedule: () => void calls.send++ },
    publishQueue: {
      resumeUnfinished: async () => void calls.resume++,
      takeoverScanMs: takeoverScanMs,
    },
    webhookProcessor: { schedule: () => void calls.drain++ },
  } as unknown as Services;
  return { services, calls };
}

describe('the background work', () => {
  it('resumes publish jobs, purges rejected photos and prunes the expired state once per process, however often started', async () => {
    const { services, calls } = fakeServices();
    stop = startBackgroundWork(services, () => {});
    startBackgroundWork(services, () => {});
    await vi.waitFor(() =>
      expect(calls).toMatchObject({
        purge: 1,
        resume: 1,
        prune: 1,
        pruneDeliveries: 1,
        expiringCheck: 1,
      }),
    );
    expect(calls.refresh).toBe(0); // the first token check waits a minute after the start
  });

  it('looks for publish jobs to take over at start, then every takeover scan interval', async () => {
    const { services, calls } = fakeServices(20);
    stop = startBackgroundWork(services, () => {});
    await vi.waitFor(() => expect(calls.resume).toBeGreaterThanOrEqual(3));
    stop();
    const after = calls.resume;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls.resume, 'no scan once stopped').toBe(after);
  });

  it('starts again once stopped', async () => {
    const { services, calls } = fakeServices();
    startBackgroundWork(services, () => {})();
    stop = startBackgroundWork(services, () => {});
    await vi.waitFor(() => expect(calls.resume).toBe(2));
  });
});
