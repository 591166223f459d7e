import { setTimeout as sleep } from 'node:timers/promises';
import {
  LeaseBusyError,
  processLeases,
  withLease,
  type Leases,
  type StateStore,
} from '../store/index.ts';
import type { DeployHook } from './deploy-hook.ts';
import {
  pendingRequests,
  recordRequest,
  recordTrigger,
  requestCount,
  statusOf,
  type RebuildRecord,
} from './rebuild-record.ts';
import type { RebuildStatus, RebuildTrigger } from './rebuild-trigger.ts';
import { serverLog } from '../shared/log.ts';

export interface DebouncedRebuildOptions {
  /** Undefined: requests are recorded and shown, nothing is triggered. */
  hook: DeployHook | undefined;
  store: Pick<
    StateStore,
    | 'getRebuildStatus'
    | 'updateRebuildStatus'
    | 'clearDirtyAccounts'
    | 'acquireLease'
    | 'releaseLease'
  >;
  /** This instance's leases on `store`; default: its own. */
  leases?: Leases;
  quietMs: number;
  /** A steady stream of requests still triggers once this long after the first; default 10 × quietMs. */
  maxWaitMs?: number;
  attempts: number;
  backoffMs: number;
  now?: () => number;
  /** Told of every request as it is made (the outgoing `build.requested` webhook). */
  onRequest?: (request: { reason: string; at: string }) => void;
}

/** Held while the hook runs (renewed meanwhile): one trigger at a time across instances. */
export const REBUILD_LEASE = 'rebuild';
const REBUILD_LEASE_MS = 60_000;

/**
 * Gathers rebuild requests until a quiet period passes, then calls the hook once, retrying with
 * exponential backoff. Requests and triggers are recorded in the state store, which every
 * instance shares: each request is counted there, and a trigger covers the requests counted
 * when it starts. An instance whose quiet period ends takes the `rebuild` lease and calls the
 * hook only if some request is not yet covered, so a burst spread over several instances makes
 * one call, and /admin shows the same status on each. A request still waiting when the server
 * stopped is triggered after it starts.
 */
export class DebouncedRebuild implements RebuildTrigger {
  readonly #options: DebouncedRebuildOptions;
  readonly #leases: Leases;
  #timer: NodeJS.Timeout | undefined;
  #firstPendingAt: number | undefined;
  #running: Promise<void> | undefined;
  /** This instance's writes to the store, in the order of its requests. */
  #writes: Promise<unknown> = Promise.resolve();

  private constructor(options: DebouncedRebuildOptions) {
    this.#options = options;
    this.#leases = options.leases ?? processLeases(options.store, options.now);
  }

  static async open(options: DebouncedRebuildOptions): Promise<DebouncedRebuild> {
    const saved = await options.store.getRebuildStatus<RebuildRecord>();
    const trigger = new DebouncedRebuild(options);
    if (options.hook && saved && pendingRequests(saved) > 0) trigger.#schedule(0);
    return trigger;
  }

  request(reason: string): void {
    const at = this.#isoNow();
    this.#options.onRequest?.({ reason, at });
    const triggers = this.#options.hook !== undefined;
    this.#write((store) =>
      store.updateRebuildStatus<RebuildRecord>((record) =>
        recordRequest(record, { at, reason, triggers }),
      ),
    );
    if (!triggers) return;
    const { quietMs, maxWaitMs = quietMs * 10 } = this.#options;
    const now = this.#clock();
    this.#firstPendingAt ??= now;
    this.#schedule(Math.max(0, Math.min(quietMs, this.#firstPendingAt + maxWaitMs - now)));
  }

  /** As the store has it, so every instance shows the same (after this instance's own requests). */
  async status(): Promise<RebuildStatus> {
    await this.#writes;
    const record = await this.#options.store.getRebuildStatus<RebuildRecord>();
    return statusOf(record ?? {}, this.#options.hook?.kind);
  }

  /** Resolves once no trigger of this instance is waiting or running (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#timer || this.#running) await (this.#running ?? sleep(5));
    await this.#writes;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#firstPendingAt = undefined;
      const run: Promise<void> = (this.#running ?? Promise.resolve())
        .then(() => this.#fire())
        .catch((error: Error) => serverLog.warn(`the rebuild trigger failed: ${error.message}`))
        .finally(() => {
          if (this.#running === run) this.#running = undefined;
        });
      this.#running = run;
    }, delayMs);
    this.#timer.unref();
  }

  // This instance's quiet period ended; the burst may have gone on elsewhere.
  async #fire(): Promise<void> {
    await this.#writes;
    const record = await this.#options.store.getRebuildStatus<RebuildRecord>();
    if (!record || pendingRequests(record) <= 0) return; // another instance triggered them
    const wait = this.#quietLeft(record);
    if (wait > 0) return this.#schedule(wait);
    try {
      await withLease(this.#leases, REBUILD_LEASE, { ttlMs: REBUILD_LEASE_MS, waitMs: 0 }, () =>
        this.#trigger(),
      );
    } catch (error) {
      if (!LeaseBusyError.is(error)) throw error;
      // Another instance is calling the hook: what it does not cover is looked at again later.
      this.#schedule(this.#options.quietMs);
    }
  }

  /** How long until the burst, on every instance, has been quiet long enough (or waited its most). */
  #quietLeft(record: RebuildRecord): number {
    const { quietMs, maxWaitMs = quietMs * 10 } = this.#options;
    const now = this.#clock();
    const last = record.lastRequestedAt ? Date.parse(record.lastRequestedAt) : now - quietMs;
    const first = record.pendingSince ? Date.parse(record.pendingSince) : last;
    return Math.max(0, Math.min(last + quietMs, first + maxWaitMs) - now);
  }

  // Under the lease: read again, call the hook for what is not covered yet, record the outcome.
  async #trigger(): Promise<void> {
    const { hook, attempts, backoffMs, store } = this.#options;
    if (!hook) return;
    const before = await store.getRebuildStatus<RebuildRecord>();
    if (!before || pendingRequests(before) <= 0) return;
    const startedAt = this.#isoNow();
    let lastError = '';
    let attempt = 1;
    for (; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
      try {
        await hook.run();
        break;
      } catch (error) {
        lastError = (error as Error).message;
      }
    }
    const ok = attempt <= attempts;
    if (!ok) serverLog.warn(`the rebuild failed after ${attempts} attempt(s): ${lastError}`);
    const after = await store.updateRebuildStatus<RebuildRecord>((record) =>
      recordTrigger(record, {
        upTo: requestCount(before),
        startedAt,
        at: this.#isoNow(),
        outcome: ok
          ? { lastOutcome: 'ok', lastAttempts: attempt }
          : { lastOutcome: 'failed', lastAttempts: attempts, lastError },
      }),
    );
    if (ok && before.lastRequestedAt) await store.clearDirtyAccounts(before.lastRequestedAt);
    // Requests that came while the hook ran wait for their own quiet period.
    if (pendingRequests(after) > 0) this.#schedule(this.#options.quietMs);
  }

  #write(change: (store: DebouncedRebuildOptions['store']) => Promise<unknown>): void {
    this.#writes = this.#writes
      .then(() => change(this.#options.store))
      .catch((error: Error) => serverLog.warn(error.message));
  }

  #clock(): number {
    return (this.#options.now ?? Date.now)();
  }

  #isoNow(): string {
    return new Date(this.#clock()).toISOString();
  }
}
