import { afterEach, beforeEach, expect, it } from 'vitest';
import { newPublishJob, PublishQueue, type PublishJob } from '../../integration/publish/index.ts';
import { openSqliteStore, TokenCipher, type StateStore } from '../../integration/store/index.ts';

let store: StateStore;
beforeEach(async () => {
  store = await openSqliteStore({
    path: ':memory:',
    cipher: TokenCipher.fromKeys({ current: Buffer.alloc(32, 1), old: [] }),
  });
});
afterEach(() => store.close());

const queuedJob = (): PublishJob =>
  newPublishJob(
    {
      id: 'job-1',
      idempotencyKey: 'key-1',
      accountId: '17841400000000001',
      kind: 'image',
      caption: 'Hello',
      items: [{ mediaType: 'image', url: 'https://example.com/a.jpg' }],
    },
    Date.parse('2026-12-08T00:30:00Z'),
  );

it('logs one line when a job changes state, none for repeated requests for the ended job', async () => {
  const lines: string[] = [];
  let clients = 0;
  const queue = new PublishQueue({
    store,
    // The account is not connected: the job fails at once, without Instagram.
    clientFor: async () => void clients++,
    runner: { now: () => Date.parse('2026-12-08T00:31:00Z') },
    log: (line) => lines.push(line),
  });
  const { job } = await store.createPublishJob(queuedJob());
  const ended = await queue.run(job);
  expect(ended).toMatchObject({ status: 'failed', updatedAt: '2026-12-08T00:31:00.000Z' });
  expect(lines).toEqual([
    'publish job job-1: failed (Account 17841400000000001 is not connected.)',
  ]);
  // A double click, a reload and a poll each send the stored (ended) job to the queue again.
  for (let i = 0; i < 3; i++) {
    const stored = (await store.getPublishJob<PublishJob>('job-1'))!;
    expect(await queue.run(stored)).toEqual(stored);
  }
  expect(lines).toHaveLength(1);
  expect(clients).toBe(1);
});
