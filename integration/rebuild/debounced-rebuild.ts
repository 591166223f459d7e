import { setTimeout as sleep } from 'node:timers/promises';
import type { StateStore } from '../store/index.ts';
import type { DeployHook } from './deploy-hook.ts';
import type { RebuildStatus, RebuildTrigger } from './rebuild-trigger.ts';
import { serverLog } from '../shared/log.ts';

export interface DebouncedRebuildOptions {
  /** Undefined: requests are recorded and shown, nothing is triggered. */
  hook: DeployHook | undefined;
  store: Pick<StateStore, 'getRebuildStatus' | 'saveRebuildStatus' | 'clearDirtyAccounts'>;
  quietMs: number;
  /** A steady stream of requests still triggers once this long after the first; default 10 × quietMs. */
  maxWaitMs?: number;
  attempts: number;
  backoffMs: number;
  now?: () => number;
}

type Persisted = Omit<RebuildStatus, 'configured' | 'hookKind'>;

/**
 * Gathers rebuild requests until a quiet period passes, then calls the hook once, retrying
 * with exponential backoff. Its status is kept in the state store, so /admin shows it after a
 * restart, and a request still waiting when the server stopped is triggered after it starts.
 */
export class DebouncedRebuild implements RebuildTrigger {
  readonly #options: DebouncedRebuildOptions;
  #status: Persisted;
  #timer: NodeJS.Timeout | undefined;
  #firstPendingAt: number | undefined;
  #running: Promise<void> | undefined;
  #again = false;

  private constructor(options: DebouncedRebuildOptions, status: Persisted) {
    this.#options = options;
    this.#status = status;
  }

  static async open(options: DebouncedRebuildOptions): Promise<DebouncedRebuild> {
    const saved = (await options.store.getRebuildStatus<Persisted>()) ?? {};
    const trigger = new DebouncedRebuild(options, saved);
    if (saved.lastOutcome === 'pending' && options.hook) trigger.#schedule();
    return trigger;
  }

  request(reason: string): void {
    this.#update({
      lastRequestedAt: this.#isoNow(),
      lastReason: reason,
      ...(this.#options.hook && { lastOutcome: 'pending' }),
    });
    if (this.#options.hook) this.#schedule();
  }

  status(): RebuildStatus {
    const { hook } = this.#options;
    return {
      configured: hook !== undefined,
      ...(hook && { hookKind: hook.kind }),
      ...this.#status,
    };
  }

  /** Resolves once no trigger is waiting or running (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#timer || this.#running) await (this.#running ?? sleep(5));
  }

  #schedule(): void {
    const { quietMs, maxWaitMs = quietMs * 10, now = Date.now } = this.#options;
    this.#firstPendingAt ??= now();
    const delay = Math.max(0, Math.min(quietMs, this.#firstPendingAt + maxWaitMs - now()));
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#fire(), delay);
    this.#timer.unref();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#firstPendingAt = undefined;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#trigger().finally(() => {
      this.#running = undefined;
      if (this.#again) {
        this.#again = false;
        this.#schedule();
      }
    });
  }

  async #trigger(): Promise<void> {
    const { hook, attempts, backoffMs, store } = this.#options;
    if (!hook) return;
    const requestedUpTo = this.#status.lastRequestedAt ?? this.#isoNow();
    let lastError = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2));
      try {
        await hook.run();
        this.#finish({ lastOutcome: 'ok', lastAttempts: attempt });
        await store.clearDirtyAccounts(requestedUpTo);
        return;
      } catch (error) {
        lastError = (error as Error).message;
      }
    }
    serverLog.warn(`the rebuild failed after ${attempts} attempt(s): ${lastError}`);
    this.#finish({ lastOutcome: 'failed', lastAttempts: attempts, lastError });
  }

  // A request that arrived while the hook ran keeps its `pending` outcome.
  #finish(result: Persisted): void {
    const { lastError: _, ...previous } = this.#status;
    const stillPending = this.#timer !== undefined || this.#again;
    this.#update(
      {
        ...previous,
        ...result,
        lastTriggeredAt: this.#isoNow(),
        ...(stillPending && { lastOutcome: 'pending' }),
      },
      true,
    );
  }

  #update(change: Persisted, replace = false): void {
    this.#status = replace ? change : { ...this.#status, ...change };
    this.#options.store
      .saveRebuildStatus(this.#status)
      .catch((error: Error) => serverLog.warn(error.message));
  }

  #isoNow(): string {
    return new Date((this.#options.now ?? Date.now)()).toISOString();
  }
}
