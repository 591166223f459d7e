import type { Lease } from '../store/index.ts';

/**
 * How an instance (one server process) holds the publish jobs it runs when several share one
 * store. A job runs only on the instance holding its lease; the holder renews it while it works;
 * an instance that dies stops renewing, and once the lease lapsed another instance takes the
 * job over. See docs/publishing.md, "Several instances".
 */
export interface JobLeaseSettings {
  /** A lease lasts this long unless renewed: the longest a dead instance's job waits. */
  leaseMs: number;
  /** How often a running job's lease is renewed (every saved step renews it too). */
  heartbeatMs: number;
  /** How often each instance looks for jobs whose lease lapsed, to take them over. */
  takeoverScanMs: number;
}

/** 30 s, renewed every 10 s (two heartbeats may be late before it lapses), scanned every 15 s. */
export const DEFAULT_JOB_LEASE: JobLeaseSettings = jobLeaseOf(30_000);

/** Settings for leases of `leaseMs`: a heartbeat every third of it, a scan every half. */
export function jobLeaseOf(leaseMs: number): JobLeaseSettings {
  return {
    leaseMs,
    heartbeatMs: Math.round(leaseMs / 3),
    takeoverScanMs: Math.round(leaseMs / 2),
  };
}

/** The lease `owner` would hold from `now` on. */
export function leaseFrom(owner: string, now: number, leaseMs: number): Lease {
  return {
    owner,
    now: new Date(now).toISOString(),
    until: new Date(now + leaseMs).toISOString(),
  };
}

/** Thrown by a run whose job another instance took over (its lease lapsed): the run stops. */
export class JobTakenOverError extends Error {
  override name = 'JobTakenOverError';
  readonly jobId: string;

  constructor(jobId: string) {
    super(`publish job ${jobId} is held by another instance now`);
    this.jobId = jobId;
  }
}
