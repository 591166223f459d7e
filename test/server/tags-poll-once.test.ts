import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import type { GalleryEvent } from '../../integration/events/event-file.ts';
import { GraphClient } from '../../integration/graph/index.ts';
import { startTagsPollSchedule } from '../../integration/server/tags-poll-schedule.ts';
import type { Leases } from '../../integration/store/index.ts';
import {
  graphMediaReader,
  graphTagsSource,
  pollTaggedPosts,
  TaggedIntake,
} from '../../integration/tagged/index.ts';
import { SHARED_STATES, useSharedState } from '../helpers/shared-state.ts';

// The server's look at Facebook Login accounts' /tags: several instances share one store, and
// one of them reads /tags per period (a store lease), the posts landing as candidates there.

const BRAND = '17841400000000001';
const PERIOD_MS = 10; // the schedule's `everyMs`: one look per period on the leases' clock

let emulator: RunningEmulator;
const clients: GraphClient[] = [];
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await emulator?.close();
});
let stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

const tagsCalls = () => emulator.control.counts().byRoute['GET /{ig-user-id}/tags'] ?? 0;

describe.each(SHARED_STATES)('reading /tags across instances on $name', (state) => {
  useSharedState(state);

  it('runs in one instance per period however often each looks; its posts become candidates', async () => {
    emulator.control.reset();
    const token = emulator.control.issueToken({ kind: 'long', flavour: 'facebook' });
    // Posted "now" on the emulator clock: the event around it holds it.
    const post = emulator.control.addGuestPost({ author: 'guest.ana', tags: [BRAND] });
    const clientFor = async (accountId: string) => {
      if (accountId !== BRAND) return undefined;
      const client = new GraphClient({ baseUrl: emulator.facebookGraphBase, accessToken: token });
      clients.push(client);
      return client;
    };
    const now = emulator.control.now();
    const event = {
      id: 'open-day',
      title: 'Open day',
      visibility: 'public',
      window: {
        fromUtc: new Date(now - 3_600_000).toISOString(),
        toUtc: new Date(now + 3_600_000).toISOString(),
      },
    } as GalleryEvent;
    let clock = Date.parse('2026-03-01T10:00:00.000Z');
    const looks = [0, 0, 0];
    const runs: number[] = [];
    const lines: string[] = [];
    const first = await state.open();
    for (const i of [0, 1, 2]) {
      const store = await state.open();
      const leases: Leases = {
        store: {
          acquireLease: (...args) => {
            looks[i]!++;
            return store.acquireLease(...args);
          },
          releaseLease: (...args) => store.releaseLease(...args),
        },
        owner: `instance-${i}`,
        now: () => clock,
      };
      const intake = new TaggedIntake({
        store,
        events: async () => [event],
        reader: graphMediaReader(clientFor, async () => 'northlight.events'),
        usernameOf: async () => 'northlight.events',
      });
      stops[i] = startTagsPollSchedule({
        poll: () => {
          runs.push(i);
          return pollTaggedPosts({
            intake,
            source: graphTagsSource(clientFor),
            accounts: async () => [BRAND],
            lookbackMs: 86_400_000,
            now: () => emulator.control.now(),
          });
        },
        leases,
        log: (line) => lines.push(line),
        firstRunMs: 1,
        everyMs: 10,
      });
    }
    const lookedAgain = async (instances: number[], times: number) => {
      const from = [...looks];
      await expect
        .poll(() => Math.min(...instances.map((i) => looks[i]! - from[i]!)), { timeout: 60_000 })
        .toBeGreaterThanOrEqual(times);
    };

    await lookedAgain([0, 1, 2], 5);
    expect(runs).toHaveLength(1);
    await expect.poll(() => lines).toEqual([`tagged posts: ${BRAND}: 1 new to review`]);
    expect(tagsCalls()).toBe(1);
    expect(await first.listTaggedCandidates()).toMatchObject([
      { mediaId: post.id, source: 'tag', eventId: 'open-day', status: 'pending' },
    ]);

    const [ran] = runs;
    stops[ran!]!();
    const others = [0, 1, 2].filter((i) => i !== ran);
    clock += PERIOD_MS;
    await lookedAgain(others, 5);
    expect(runs).toHaveLength(2);
    expect(others).toContain(runs[1]);
    expect(tagsCalls()).toBe(2);
    expect(await first.listTaggedCandidates()).toHaveLength(1); // seen already
  });
});
