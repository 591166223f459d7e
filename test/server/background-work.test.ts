import { afterEach, describe, expect, it, vi } from 'vitest';
import { startBackgroundWork } from '../../integration/server/background.ts';
import type { Services } from '../../integration/server/services.ts';

let stop = () => {};
afterEach(() => stop());

function fakeServices() {
  const calls = { purge: 0, resume: 0, refresh: 0, prune: 0 };
  const services = {
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
    },
    publishQueue: { resumeUnfinished: async () => void calls.resume++ },
  } as unknown as Services;
  return { services, calls };
}

describe('the background work', () => {
  it('resumes publish jobs, purges rejected photos and prunes the expired state once per process, however often started', async () => {
    const { services, calls } = fakeServices();
    stop = startBackgroundWork(services, () => {});
    startBackgroundWork(services, () => {});
    await vi.waitFor(() => expect(calls).toMatchObject({ purge: 1, resume: 1, prune: 1 }));
    expect(calls.refresh).toBe(0); // the first token check waits a minute after the start
  });

  it('starts again once stopped', async () => {
    const { services, calls } = fakeServices();
    startBackgroundWork(services, () => {})();
    stop = startBackgroundWork(services, () => {});
    await vi.waitFor(() => expect(calls.resume).toBe(2));
  });
});
