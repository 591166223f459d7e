import { describe, expect, it } from 'vitest';
import type { StoredPublishJob } from '../../integration/store/index.ts';
import { BACKENDS, useBackend } from './store-backends.ts';

interface Job extends StoredPublishJob {
  composition: string;
  caption: string;
  items: { url: string; containerId?: string }[];
}

function job(n: number, overrides: Partial<Job> = {}): Job {
  const at = new Date(Date.UTC(2025, 5, 1, 10, n)).toISOString();
  return {
    id: `job-${n}`,
    idempotencyKey: `key-${n}`,
    accountId: '17841400000000001',
    status: 'queued',
    createdAt: at,
    updatedAt: at,
    composition: `composition-${n}`,
    caption: `Night ${n} at the harbour 🌊 "quoted" \\ backslash`,
    items: [{ url: `https://example.test/${n}.jpg` }],
    ...overrides,
  };
}

describe.each(BACKENDS)('publish jobs in $name', (backend) => {
  useBackend(backend);

  it('are read back whole, by id and by idempotency key', async () => {
    const store = await backend.open();
    const created = job(1);
    expect(await store.createPublishJob(created)).toEqual({ job: created, created: true });
    expect(await store.getPublishJob('job-1')).toEqual(created);
    expect(await store.getPublishJobByKey('key-1')).toEqual(created);
    expect(await store.getPublishJob('job-9')).toBeUndefined();
    expect(await store.getPublishJobByKey('key-9')).toBeUndefined();
  });

  it('are created once per idempotency key: a repeat gets the stored job', async () => {
    const store = await backend.open();
    const first = job(1);
    await store.createPublishJob(first);
    const repeat = await store.createPublishJob(job(2, { idempotencyKey: 'key-1' }));
    expect(repeat).toEqual({ job: first, created: false });
    expect(await store.listPublishJobs()).toEqual([first]);
  });

  it('are created once when several servers send the same request at once', async () => {
    const stores = await Promise.all([backend.open(), backend.open(), backend.open()]);
    const results = await Promise.all(
      stores.map((store, n) => store.createPublishJob(job(n, { idempotencyKey: 'same' }))),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const winner = results.find((result) => result.created)?.job;
    expect(results.every((result) => result.job.id === winner?.id)).toBe(true);
    expect(await backend.count('publish_jobs')).toBe(1);
  });

  it('are saved whole after each step', async () => {
    const store = await backend.open();
    await store.createPublishJob(job(1));
    const running: Job = {
      ...job(1),
      status: 'running',
      updatedAt: '2025-06-01T11:00:00.000Z',
      items: [{ url: 'https://example.test/1.jpg', containerId: '17900000000000001' }],
    };
    await store.savePublishJob(running);
    expect(await store.getPublishJob('job-1')).toEqual(running);
    expect(await store.listPublishJobs({ status: 'running' })).toEqual([running]);
    expect(await store.listPublishJobs({ status: 'queued' })).toEqual([]);
  });

  it('are listed newest first, filtered by status, composition and creation time', async () => {
    const store = await backend.open();
    for (const n of [1, 2, 3, 4]) {
      await store.createPublishJob(
        job(n, { status: n % 2 === 0 ? 'published' : 'failed', composition: n < 3 ? 'a' : 'b' }),
      );
    }
    const ids = (jobs: StoredPublishJob[]) => jobs.map((each) => each.id);
    expect(ids(await store.listPublishJobs())).toEqual(['job-4', 'job-3', 'job-2', 'job-1']);
    expect(ids(await store.listPublishJobs({ status: 'published' }))).toEqual(['job-4', 'job-2']);
    expect(ids(await store.listPublishJobs({ composition: 'a' }))).toEqual(['job-2', 'job-1']);
    expect(
      ids(await store.listPublishJobs({ createdSince: job(3).createdAt, status: 'failed' })),
    ).toEqual(['job-3']);
    expect(ids(await store.listPublishJobs({ limit: 2 }))).toEqual(['job-4', 'job-3']);
  });
});
