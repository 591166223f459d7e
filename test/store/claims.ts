// Helpers of the lease and claim tests: leases at chosen times, and other instances in threads.
import { Worker } from 'node:worker_threads';
import type { Lease } from '../../integration/store/index.ts';
import type { Env } from '../../integration/shared/env.ts';
import type { ClaimTask } from './claim-worker.ts';
import { KEY_A } from './store-fixtures.ts';

export const T0 = Date.UTC(2025, 5, 1, 10, 0, 0);
export const LEASE_MS = 30_000;

/** `owner`'s lease taken `atMs` after T0, lasting LEASE_MS. */
export function leaseAt(owner: string, atMs = 0, lengthMs = LEASE_MS): Lease {
  return {
    owner,
    now: new Date(T0 + atMs).toISOString(),
    until: new Date(T0 + atMs + lengthMs).toISOString(),
  };
}

/**
 * Other instances, each in its own thread with its own connection, doing `task` under its lease
 * from the same moment on (once all have connected); resolves with what each got.
 */
export function otherInstances(env: Env, leases: Lease[], task: ClaimTask): Promise<string[][]> {
  const barrier = new Int32Array(new SharedArrayBuffer(12));
  barrier[1] = leases.length;
  return Promise.all(leases.map((lease) => otherInstance(env, lease, task, barrier)));
}

function otherInstance(
  env: Env,
  lease: Lease,
  task: ClaimTask,
  barrier: Int32Array,
): Promise<string[]> {
  const worker = new Worker(new URL('./claim-worker.ts', import.meta.url), {
    workerData: { env, key: KEY_A, lease, task, barrier },
  });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`claim worker exited with ${code}`));
    });
  });
}
