import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { serverLog } from '../shared/log.ts';
import type { StateStore } from './types.ts';

/**
 * How one server instance takes named leases in the shared store: built once per process
 * (`processLeases`); tests build one per simulated instance.
 */
export interface Leases {
  store: Pick<StateStore, 'acquireLease' | 'releaseLease'>;
  /** This instance among those sharing the store: `host/pid/random`, readable in the leases table. */
  owner: string;
  /** The clock leases expire on (ms since the epoch); default `Date.now`. */
  now?: () => number;
}

export function processLeases(
  store: Pick<StateStore, 'acquireLease' | 'releaseLease'>,
  now?: () => number,
): Leases {
  return { store, owner: `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`, now };
}

let tasks = 0;

/**
 * A holder id for one task of this instance. Each task holds a lease under its own id, so the
 * lease keeps out other tasks of the same process too, and a task never "renews" a lease that
 * another task of its process holds.
 */
export function taskHolder(leases: Leases): string {
  tasks = (tasks + 1) % Number.MAX_SAFE_INTEGER;
  return `${leases.owner}#${tasks}`;
}

export interface LeaseOptions {
  /** How long the lease lasts unless renewed; while the task runs it is renewed every third of this. */
  ttlMs: number;
  /** How long to wait for a lease someone else holds before giving up (LeaseBusyError); 0: one try. */
  waitMs: number;
  /** The pause between tries while waiting (randomised ±50 %); default 25 ms. */
  pollMs?: number;
}

/** The lease stayed with another holder for as long as the caller would wait. */
export class LeaseBusyError extends Error {
  readonly lease: string;

  constructor(lease: string, waitedMs: number) {
    super(
      `The lease "${lease}" is held by another task or instance (waited ${Math.round(waitedMs)} ms).`,
    );
    this.name = 'LeaseBusyError';
    this.lease = lease;
  }

  /** By name, not `instanceof`: `npm start` and the bundled routes hold two copies of this class. */
  static is(error: unknown): error is LeaseBusyError {
    return error instanceof Error && error.name === 'LeaseBusyError';
  }
}

/**
 * Waits (polling, up to `waitMs`) for the named lease, runs `task` under it, renewing it while
 * the task runs, and releases it when the task ends, whether it succeeded or threw. A holder
 * that dies keeps the lease until it expires, then the next one takes it over.
 */
export async function withLease<T>(
  leases: Leases,
  name: string,
  options: LeaseOptions,
  task: () => Promise<T>,
): Promise<T> {
  const { store, now = Date.now } = leases;
  const { ttlMs, waitMs, pollMs = 25 } = options;
  const holder = taskHolder(leases);
  // The wait is measured on the monotonic clock: `now` may be a test's frozen clock.
  const started = performance.now();
  while (!(await store.acquireLease(name, holder, ttlMs, now()))) {
    const waited = performance.now() - started;
    if (waited >= waitMs) throw new LeaseBusyError(name, waited);
    await sleep(Math.min(pollMs * (0.5 + Math.random()), waitMs - waited));
  }
  // Renewals run one after the other, and the release waits for the last: a renewal landing after
  // the release would take the lease again, for a task that has ended.
  let renewing: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(
    () => {
      renewing = renewing
        .then(() => store.acquireLease(name, holder, ttlMs, now()))
        .then(
          (kept) => {
            if (!kept) serverLog.warn(`lost the lease "${name}": it expired and was taken over`);
          },
          (error: Error) => serverLog.warn(`cannot renew the lease "${name}": ${error.message}`),
        );
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  heartbeat.unref();
  try {
    return await task();
  } finally {
    clearInterval(heartbeat);
    await renewing;
    // Not released (store down): it expires by itself.
    await store
      .releaseLease(name, holder)
      .catch((error: Error) =>
        serverLog.warn(`cannot release the lease "${name}": ${error.message}`),
      );
  }
}
