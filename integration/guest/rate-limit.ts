import type { StateStore } from '../store/index.ts';

/**
 * At most `max` actions per client address in a sliding window, counted in the state store:
 * the actions a client spreads over several server instances count together.
 */
export class SlidingWindowLimit {
  readonly #store: Pick<StateStore, 'takeRateLimit' | 'clearRateLimit'>;
  readonly #name: string;
  readonly #max: number;
  readonly #windowMs: number;

  /** `name` tells this limit's hits from those of other limits in the store. */
  constructor(
    store: Pick<StateStore, 'takeRateLimit' | 'clearRateLimit'>,
    name: string,
    max: number,
    windowMs: number,
  ) {
    this.#store = store;
    this.#name = name;
    this.#max = max;
    this.#windowMs = windowMs;
  }

  /** Counts one action; returns 0 when allowed, else the milliseconds until the next one is. */
  take(client: string, now = Date.now()): Promise<number> {
    return this.#store.takeRateLimit({
      limit: this.#name,
      client,
      max: this.#max,
      windowMs: this.#windowMs,
      at: new Date(now).toISOString(),
    });
  }

  /** Forgets the client's counted actions. */
  clear(client: string): Promise<void> {
    return this.#store.clearRateLimit(this.#name, client);
  }
}
