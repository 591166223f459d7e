import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type StoredPublishJob } from '../../integration/store/index.ts';
import { leaseAt, LEASE_MS, otherInstances } from './claims.ts';
import { BACKENDS, useBackend } from './store-backends.ts';

// Each test opens two or more stores on one sqlite file or one PostgreSQL database: separate
// connections, as separate server instances have. Times are given, never read from a clock.

interface Job extends StoredPublishJob {
  step: number;
}

function job(n: number, overrides: Partial<Job> = {}): Job {
  const at = new Date(Date.UTC(2025, 5, 1, 9, n)).toISOString();
  return {
    id: `job-${String(n).padStart(3, '0')}`,
    idempotencyKey: `key-${n}`,
    accountId: '17841400000000001',
    status: 'queued',
    createdAt: at,
    updatedAt: at,
    step: 0,
    ...overrides,
  };
}

const ids = (jobs: StoredPublishJob[]) => jobs.map((each) => each.id);

describe.each(BACKENDS)('publish job leases in $name', (backend) => {
  useBackend(backend);

  it('go to exactly one of several instances claiming a job at once', async () => {
    const stores = await Promise.all([backend.open(), backend.open(), backend.open()]);
    for (let n = 1; n <= 10; n++) await stores[0]!.createPublishJob(job(n));
    const wins = await Promise.all(
      stores.map((store, i) =>
        Promise.all(
          Array.from({ length: 10 }, (_, n) =>
            store.claimPublishJob(job(n + 1).id, leaseAt(`instance-${i}`)),
          ),
        ),
      ),
    );
    for (let n = 0; n < 10; n++) {
      const winners = wins.filter((each) => each[n] !== undefined);
      expect(winners, `job ${n + 1}`).toHaveLength(1);
    }
  });

  it('go to exactly one of several instances in threads of their own claiming at once', async () => {
    const store = await backend.open();
    const all = Array.from({ length: 30 }, (_, n) => job(n + 1));
    for (const each of all) await store.createPublishJob(each);
    const won = await otherInstances(
      backend.env(),
      ['a', 'b', 'c'].map((owner) => leaseAt(owner)),
      {
        kind: 'claim-each',
        ids: ids(all),
      },
    );
    expect(won.flat().sort()).toEqual(ids(all));
  });

  it('are kept by a live instance and taken over once they lapsed', async () => {
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    await a.createPublishJob(job(1));
    expect(await a.claimPublishJob('job-001', leaseAt('a'))).toEqual(job(1));
    // b looks while a's lease lasts: nothing to take, by id or by scan.
    expect(await b.claimPublishJob('job-001', leaseAt('b', LEASE_MS - 1))).toBeUndefined();
    expect(await b.claimLapsedPublishJobs(leaseAt('b', LEASE_MS - 1))).toEqual([]);
    // a stopped renewing (it died): at its lease's end, b takes the job over.
    expect(ids(await b.claimLapsedPublishJobs(leaseAt('b', LEASE_MS)))).toEqual(['job-001']);
    expect(await backend.query('SELECT lease_owner, lease_until FROM publish_jobs')).toEqual([
      { lease_owner: 'b', lease_until: leaseAt('b', LEASE_MS).until },
    ]);
  });

  it('renewed by the heartbeat outlast their first end', async () => {
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    await a.createPublishJob(job(1));
    await a.claimPublishJob('job-001', leaseAt('a'));
    expect(await a.renewPublishJobLease('job-001', leaseAt('a', 20_000))).toBe(true);
    expect(await b.claimLapsedPublishJobs(leaseAt('b', LEASE_MS + 1))).toEqual([]);
    expect(await b.claimPublishJob('job-001', leaseAt('b', LEASE_MS + 1))).toBeUndefined();
    expect(await b.claimPublishJob('job-001', leaseAt('b', 20_000 + LEASE_MS))).toEqual(job(1));
  });

  it('once taken over, refuse the old holder its renewals and saves', async () => {
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    await a.createPublishJob(job(1));
    await a.claimPublishJob('job-001', leaseAt('a'));
    const late = leaseAt('a', LEASE_MS + 5_000);
    await b.claimPublishJob('job-001', leaseAt('b', LEASE_MS));
    expect(await a.renewPublishJobLease('job-001', late)).toBe(false);
    expect(await a.savePublishJob(job(1, { status: 'running', step: 9 }), late)).toBe(false);
    const running = job(1, { status: 'running', step: 1 });
    expect(await b.savePublishJob(running, leaseAt('b', LEASE_MS + 5_000))).toBe(true);
    await a.releasePublishJob('job-001', 'a'); // a's run ends: it releases nothing of b's
    expect(await a.getPublishJob('job-001')).toEqual(running);
    expect(await backend.query('SELECT lease_owner, lease_until FROM publish_jobs')).toEqual([
      { lease_owner: 'b', lease_until: leaseAt('b', LEASE_MS + 5_000).until },
    ]);
  });

  it('are renewed by every save of the holder', async () => {
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    await a.createPublishJob(job(1));
    await a.claimPublishJob('job-001', leaseAt('a'));
    expect(await a.savePublishJob(job(1, { step: 1 }), leaseAt('a', 25_000))).toBe(true);
    expect(await b.claimLapsedPublishJobs(leaseAt('b', LEASE_MS + 1))).toEqual([]);
    expect(ids(await b.claimLapsedPublishJobs(leaseAt('b', 25_000 + LEASE_MS)))).toEqual([
      'job-001',
    ]);
  });

  it('are claimed again by their holder (a repeated request), and free once released', async () => {
    const [a, b] = await Promise.all([backend.open(), backend.open()]);
    await a.createPublishJob(job(1));
    expect(await a.claimPublishJob('job-001', leaseAt('a'))).toEqual(job(1));
    expect(await a.claimPublishJob('job-001', leaseAt('a', 1_000))).toEqual(job(1));
    await b.releasePublishJob('job-001', 'b'); // not b's to release
    expect(await b.claimPublishJob('job-001', leaseAt('b', 2_000))).toBeUndefined();
    await a.releasePublishJob('job-001', 'a');
    expect(await backend.query('SELECT lease_owner, lease_until FROM publish_jobs')).toEqual([
      { lease_owner: null, lease_until: null },
    ]);
    expect(await b.claimPublishJob('job-001', leaseAt('b', 2_000))).toEqual(job(1));
  });

  it('are never taken on ended jobs or unknown ids', async () => {
    const store = await backend.open();
    await store.createPublishJob(job(1, { status: 'published' }));
    await store.createPublishJob(job(2, { status: 'failed' }));
    expect(await store.claimPublishJob('job-001', leaseAt('a'))).toBeUndefined();
    expect(await store.claimPublishJob('job-002', leaseAt('a'))).toBeUndefined();
    expect(await store.claimPublishJob('job-99', leaseAt('a'))).toBeUndefined();
    expect(await store.claimLapsedPublishJobs(leaseAt('a'))).toEqual([]);
  });

  it('are taken by the scan on unfinished jobs nobody holds, oldest first, up to the limit', async () => {
    const store = await backend.open();
    for (const n of [3, 1, 4, 2, 5])
      await store.createPublishJob(job(n, { status: n % 2 === 0 ? 'running' : 'queued' }));
    await store.createPublishJob(job(6, { status: 'published' }));
    expect(ids(await store.claimLapsedPublishJobs(leaseAt('a'), 3))).toEqual([
      'job-001',
      'job-002',
      'job-003',
    ]);
    expect(ids(await store.claimLapsedPublishJobs(leaseAt('a'), 3))).toEqual([
      'job-004',
      'job-005',
    ]);
    expect(await store.claimLapsedPublishJobs(leaseAt('a'), 3)).toEqual([]);
  });

  it('are split between instances scanning at once in threads of their own, none twice', async () => {
    const store = await backend.open();
    const all = Array.from({ length: 200 }, (_, n) => job(n + 1));
    for (const each of all) await store.createPublishJob(each);
    const taken = await otherInstances(
      backend.env(),
      ['a', 'b', 'c'].map((owner) => leaseAt(owner)),
      {
        kind: 'scan-jobs',
        batch: 2,
      },
    );
    expect(taken.flat().sort()).toEqual(ids(all));
  });

  it('are taken by the first scan on a job left running by a server older than leases', async () => {
    await backend.applyMigrations(MIGRATIONS.filter((migration) => migration.version < 5));
    const left = job(1, { status: 'running', step: 3 });
    const document = backend.name === 'postgres' ? '?::text::jsonb' : '?';
    await backend.query(
      `INSERT INTO publish_jobs (id, idempotency_key, account_id, status, job, created_at, updated_at) VALUES (?, ?, ?, ?, ${document}, ?, ?)`,
      [
        left.id,
        left.idempotencyKey,
        left.accountId,
        left.status,
        JSON.stringify(left),
        left.createdAt,
        left.updatedAt,
      ],
    );
    const store = await backend.open(); // migration 5 runs: the job has no lease
    expect(await store.claimLapsedPublishJobs(leaseAt('a'))).toEqual([left]);
  });

  it('leave saves without a lease as they were: written whole, false for an unknown job', async () => {
    const store = await backend.open();
    await store.createPublishJob(job(1));
    await store.claimPublishJob('job-001', leaseAt('a'));
    expect(await store.savePublishJob(job(1, { status: 'failed', step: 2 }))).toBe(true);
    expect(await store.getPublishJob('job-001')).toEqual(job(1, { status: 'failed', step: 2 }));
    expect(await store.savePublishJob(job(9))).toBe(false);
    expect(await store.savePublishJob(job(9), leaseAt('a'))).toBe(false);
  });
});
