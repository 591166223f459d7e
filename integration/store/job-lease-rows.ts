import type { DatabaseSync } from 'node:sqlite';
import { oldestFirst } from './row-order.ts';
import { inTransaction } from './sqlite-database.ts';
import type { Lease, StoredPublishJob } from './types.ts';

/**
 * The sqlite side of publish-job leases (migration 5). Each claim is one conditional UPDATE in a
 * write transaction: sqlite lets one writer at a time change the file, and the condition is
 * checked under that lock, so of the processes claiming a job at once exactly one wins.
 */

const UNFINISHED = "status IN ('queued', 'running')";
const FREE = '(lease_until IS NULL OR lease_until <= :now)';

const CLAIM_ONE = `
  UPDATE publish_jobs SET lease_owner = :owner, lease_until = :until
  WHERE id = :id AND ${UNFINISHED} AND (lease_owner = :owner OR ${FREE})
  RETURNING job`;

const CLAIM_LAPSED = `
  UPDATE publish_jobs SET lease_owner = :owner, lease_until = :until
  WHERE id IN (
    SELECT id FROM publish_jobs WHERE ${UNFINISHED} AND ${FREE}
    ORDER BY created_at, id LIMIT :limit
  )
  RETURNING job`;

const RENEW = `
  UPDATE publish_jobs SET lease_until = :until WHERE id = :id AND lease_owner = :owner`;

const RELEASE = `
  UPDATE publish_jobs SET lease_owner = NULL, lease_until = NULL
  WHERE id = :id AND lease_owner = :owner`;

const SAVE_HELD = `
  UPDATE publish_jobs SET status = :status, job = :job, updated_at = :updatedAt, lease_until = :until
  WHERE id = :id AND lease_owner = :owner`;

export function claimJob<T extends StoredPublishJob>(
  db: DatabaseSync,
  id: string,
  { owner, now, until }: Lease,
): T | undefined {
  const row = inTransaction(db, () => db.prepare(CLAIM_ONE).get({ id, owner, now, until }));
  return row === undefined ? undefined : (JSON.parse(String(row.job)) as T);
}

export function claimLapsedJobs<T extends StoredPublishJob>(
  db: DatabaseSync,
  { owner, now, until }: Lease,
  limit: number,
): T[] {
  const rows = inTransaction(db, () => db.prepare(CLAIM_LAPSED).all({ owner, now, until, limit }));
  return rows.map((row) => JSON.parse(String(row.job)) as T).sort(oldestFirst);
}

export function renewJobLease(db: DatabaseSync, id: string, { owner, until }: Lease): boolean {
  return db.prepare(RENEW).run({ id, owner, until }).changes > 0;
}

export function releaseJob(db: DatabaseSync, id: string, owner: string): void {
  db.prepare(RELEASE).run({ id, owner });
}

export function saveHeldJob(db: DatabaseSync, job: StoredPublishJob, lease: Lease): boolean {
  return (
    db.prepare(SAVE_HELD).run({
      id: job.id,
      status: job.status,
      job: JSON.stringify(job),
      updatedAt: job.updatedAt,
      owner: lease.owner,
      until: lease.until,
    }).changes > 0
  );
}
