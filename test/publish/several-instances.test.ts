import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PublishJob } from '../../integration/publish/index.ts';
import type { GuestPhotoStatus } from '../../integration/guest/index.ts';
import { guestRequest, startPublishHarness, USER, type PublishHarness } from './publish-harness.ts';

// Two server instances on one sqlite file (each its own connection, queue and service) and the
// emulator as Instagram. An instance "dies" by freezing mid-job with its heartbeat stopped: its
// lease lapses as a killed process's would. Whose lease has lapsed is decided by each instance's
// injected clock, never by waiting.

const LEASE_MS = 30_000;
/** No heartbeat within a test: the instance holds its lease only as long as its last save made it. */
const NO_HEARTBEAT = { leaseMs: LEASE_MS, heartbeatMs: 3_600_000 };

let harness: PublishHarness;
beforeEach(async () => {
  harness = await startPublishHarness();
});
afterEach(async () => {
  await harness.close();
});

const published = () => harness.emulator.control.publishedMedia(USER);
const stored = async (id: string) => (await harness.store.getPublishJob<PublishJob>(id))!;
const ended = (id: string) =>
  vi.waitFor(
    async () => {
      const job = await stored(id);
      if (job.status !== 'published' && job.status !== 'failed') throw new Error(job.phase);
      return job;
    },
    { timeout: 20_000, interval: 20 },
  );

/** Where the job's lease ends (ms), as the store has it; undefined when nobody holds it. */
function leaseUntil(id: string): number | undefined {
  const db = new DatabaseSync(harness.dbPath, { readOnly: true });
  try {
    const row = db.prepare('SELECT lease_until FROM publish_jobs WHERE id = ?').get(id);
    return row?.lease_until == null ? undefined : Date.parse(String(row.lease_until));
  } finally {
    db.close();
  }
}

/** A clock of its own for one instance, moved on by the test. */
function clock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
}

describe('several server instances on one store', () => {
  it('given the same request at once, make one job, run by one of them: one post', async () => {
    const logs: string[][] = [[], []];
    const [a, b] = await Promise.all(
      logs.map((lines) => harness.newInstance({ log: (line) => lines.push(line) })),
    );
    const request = guestRequest(['start-line.jpg'], { idempotencyKey: 'both-instances' });
    const answers = await Promise.all([a!.service.submit(request), b!.service.submit(request)]);
    expect(new Set(answers.map((answer) => answer.job.id)).size).toBe(1);
    expect(answers.filter((answer) => answer.created)).toHaveLength(1);
    const id = answers[0].job.id;
    // Each instance also asks its queue for the job (a repeated request): only the holder runs it.
    await Promise.all([a!.queue.run(answers[0].job), b!.queue.run(answers[1].job)]);
    expect(await ended(id)).toMatchObject({ status: 'published' });
    const ran = logs.map((lines) => lines.filter((line) => line.startsWith(`publish job ${id}:`)));
    expect(ran.flat()).toEqual([`publish job ${id}: published`]);
    expect(published()).toHaveLength(1);
    expect(harness.count('POST /{ig-user-id}/media')).toBe(1);
    expect(harness.count('POST /{ig-user-id}/media_publish')).toBe(1);
  });

  it('leave a live instance its job, and take it over once the dead one’s lease lapsed: one post', async () => {
    // a freezes (dies) when it asks whether the photo is approved, before making any container.
    let wakeUp!: (status: GuestPhotoStatus) => void;
    const frozen = new Promise<GuestPhotoStatus>((resolve) => {
      wakeUp = resolve;
    });
    const aLog: string[] = [];
    const a = await harness.newInstance({
      guestApproval: () => frozen,
      lease: NO_HEARTBEAT,
      log: (line) => aLog.push(line),
    });
    const bClock = clock();
    const b = await harness.newInstance({
      lease: NO_HEARTBEAT,
      runner: { pollStartMs: 5, pollMaxMs: 50, now: bClock.now },
    });
    const { job } = await a.service.submit(guestRequest(['finish.jpg']));
    const aRun = a.queue.run(job);
    await vi.waitFor(async () => expect((await stored(job.id)).phase).toBe('creating_containers'));

    // a's lease lasts: b neither takes the job over nor runs it when asked for it.
    expect(await b.queue.resumeUnfinished()).toBe(0);
    expect(await b.queue.run(await stored(job.id))).toMatchObject({ status: 'running' });
    bClock.advance(LEASE_MS - 1_000);
    expect(await b.queue.resumeUnfinished()).toBe(0);
    expect(harness.count('POST /{ig-user-id}/media')).toBe(0);

    // a never renewed it: once lapsed, b takes the job over and publishes it.
    bClock.advance(1_000);
    expect(await b.queue.resumeUnfinished()).toBe(1);
    const done = await ended(job.id);
    expect(done).toMatchObject({ status: 'published', progress: { completed: 2, total: 2 } });
    expect(published()).toHaveLength(1);
    expect(done.mediaId).toBe(published()[0]?.id);

    // a wakes up: its next save is refused, it stops, and the job stays b's published one.
    wakeUp('approved');
    expect(await aRun).toEqual(done);
    expect(aLog).toContain(`publish job ${job.id}: taken over by another instance; stopped here`);
    expect(await stored(job.id)).toEqual(done);
    expect(published()).toHaveLength(1);
    expect(harness.count('POST /{ig-user-id}/media_publish')).toBe(1);
  });

  it('never take over the job of a live instance: its heartbeat renews the lease while it works', async () => {
    const shared = clock(); // one clock for both: only the heartbeat keeps the lease
    let moderated!: (status: GuestPhotoStatus) => void;
    const slow = new Promise<GuestPhotoStatus>((resolve) => {
      moderated = resolve;
    });
    const a = await harness.newInstance({
      guestApproval: () => slow, // a long step: the job waits on it for minutes of `shared`
      lease: { leaseMs: LEASE_MS, heartbeatMs: 10 },
      runner: { pollStartMs: 5, pollMaxMs: 50, now: shared.now },
    });
    const b = await harness.newInstance({
      lease: NO_HEARTBEAT,
      runner: { pollStartMs: 5, pollMaxMs: 50, now: shared.now },
    });
    const { job } = await a.service.submit(guestRequest(['km-3.jpg']));
    const aRun = a.queue.run(job);
    await vi.waitFor(async () => expect((await stored(job.id)).phase).toBe('creating_containers'));
    for (let minute = 1; minute <= 5; minute++) {
      shared.advance(20_000);
      const renewedTo = shared.now() + LEASE_MS - 1_000;
      await vi.waitFor(() => expect(leaseUntil(job.id)).toBeGreaterThanOrEqual(renewedTo));
      shared.advance(20_000); // past where the lease would have ended without the heartbeat
      expect(await b.queue.resumeUnfinished(), `after ${minute * 40} s`).toBe(0);
    }
    moderated('approved');
    expect(await aRun).toMatchObject({ status: 'published' });
    expect(published()).toHaveLength(1);
    expect(leaseUntil(job.id), 'released when the run ended').toBeUndefined();
  });

  it('take over a job whose instance died with media_publish in flight, and never publish it again', async () => {
    // Instagram holds a's media_publish; a dies meanwhile (it never renews its lease again).
    harness.emulator.control.addFault({
      route: 'POST /{ig-user-id}/media_publish',
      delayMs: 1_500,
    });
    const a = await harness.newInstance({ lease: NO_HEARTBEAT });
    const bClock = clock();
    const b = await harness.newInstance({
      lease: NO_HEARTBEAT,
      runner: { pollStartMs: 5, pollMaxMs: 50, now: bClock.now },
    });
    const { job } = await a.service.submit(guestRequest(['sunrise.jpg']));
    const aRun = a.queue.run(job);
    await vi.waitFor(() => expect(harness.count('POST /{ig-user-id}/media_publish')).toBe(1), {
      interval: 5,
    });
    const sent = await stored(job.id);
    expect(sent).toMatchObject({ phase: 'publishing', publishingSince: expect.any(String) });
    expect(sent.mediaId).toBeUndefined();

    // Past a's lease but within the 60 s the request may still land: b reads, never re-sends.
    bClock.advance(LEASE_MS + 1_000);
    expect(await b.queue.resumeUnfinished()).toBe(1);
    const done = await ended(job.id);
    expect(done.status).toBe('published');
    await aRun; // a's answer came after b took over: a's save was refused
    expect(published()).toHaveLength(1);
    expect(harness.count('POST /{ig-user-id}/media_publish')).toBe(1);
    expect(await stored(job.id)).toEqual(done);
    expect(done.mediaId).toBe(published()[0]?.id);
  });
});
