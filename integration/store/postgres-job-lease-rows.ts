import type { ISql } from 'postgres';
import { oldestFirst } from './row-order.ts';
import type { Lease, StoredPublishJob } from './types.ts';

/**
 * The PostgreSQL side of publish-job leases (migration 5). Every claim is one UPDATE whose
 * condition PostgreSQL checks again on the row's newest version once a concurrent writer
 * committed, so of instances claiming a job at once exactly one wins. The scan for lapsed jobs
 * locks the rows it picks with `FOR UPDATE SKIP LOCKED`: instances scanning at once pass over
 * each other's rows instead of queueing behind them.
 */

const UNFINISHED = "status IN ('queued', 'running')";

const CLAIM_ONE = `
  UPDATE publish_jobs SET lease_owner = $1, lease_until = $2
  WHERE id = $4 AND ${UNFINISHED}
    AND (lease_owner = $1 OR lease_until IS NULL OR lease_until <= $3)
  RETURNING job`;

const CLAIM_LAPSED = `
  UPDATE publish_jobs SET lease_owner = $1, lease_until = $2
  WHERE id IN (
    SELECT id FROM publish_jobs
    WHERE ${UNFINISHED} AND (lease_until IS NULL OR lease_until <= $3)
    ORDER BY created_at, id LIMIT $4
    FOR UPDATE SKIP LOCKED
  )
  RETURNING job`;

const RENEW = 'UPDATE publish_jobs SET lease_until = $2 WHERE id = $3 AND lease_owner = $1';

const RELEASE = `
  UPDATE publish_jobs SET lease_owner = NULL, lease_until = NULL
  WHERE id = $2 AND lease_owner = $1`;

// Documents go in as text and are cast: a string bound straight to a jsonb parameter would be
// stored as a JSON string.
const SAVE_HELD = `
  UPDATE publish_jobs SET status = $3, job = $4::text::jsonb, updated_at = $5, lease_until = $2
  WHERE id = $6 AND lease_owner = $1`;

export async function claimJob<T extends StoredPublishJob>(
  sql: ISql,
  id: string,
  { owner, now, until }: Lease,
): Promise<T | undefined> {
  const [row] = await sql.unsafe(CLAIM_ONE, [owner, until, now, id], { prepare: true });
  return row?.job as T | undefined;
}

export async function claimLapsedJobs<T extends StoredPublishJob>(
  sql: ISql,
  { owner, now, until }: Lease,
  limit: number,
): Promise<T[]> {
  const rows = await sql.unsafe(CLAIM_LAPSED, [owner, until, now, limit], { prepare: true });
  return rows.map((row) => row.job as T).sort(oldestFirst);
}

export async function renewJobLease(
  sql: ISql,
  id: string,
  { owner, until }: Lease,
): Promise<boolean> {
  const result = await sql.unsafe(RENEW, [owner, until, id], { prepare: true });
  return result.count > 0;
}

export async function releaseJob(sql: ISql, id: string, owner: string): Promise<void> {
  await sql.unsafe(RELEASE, [owner, id], { prepare: true });
}

export async function saveHeldJob(
  sql: ISql,
  job: StoredPublishJob,
  { owner, until }: Lease,
): Promise<boolean> {
  const parameters = [owner, until, job.status, JSON.stringify(job), job.updatedAt, job.id];
  const result = await sql.unsafe(SAVE_HELD, parameters, { prepare: true });
  return result.count > 0;
}
