export interface CachedValue<T> {
  value: T;
  /** When the value was computed (ms). */
  storedAt: number;
  /** Set when computing failed and this is the last good value. */
  failure?: unknown;
}

/**
 * A small in-memory cache of computed payloads: fresh for `ttlMs`, at most `maxEntries` keys
 * (least recently used go first), one computation per key at a time however many ask, and the
 * last good value served (with the failure) when a recomputation fails.
 */
export class PayloadCache<T> {
  readonly #entries = new Map<string, { value: T; storedAt: number }>();
  readonly #inFlight = new Map<string, Promise<CachedValue<T>>>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {
    this.#ttlMs = options.ttlMs ?? 5 * 60_000;
    this.#maxEntries = options.maxEntries ?? 50;
    this.#now = options.now ?? Date.now;
  }

  /** The cached value when fresh (unless `fresh`), else the one computation in flight for the key. */
  load(
    key: string,
    compute: () => Promise<T>,
    options: { fresh?: boolean } = {},
  ): Promise<CachedValue<T>> {
    const entry = this.#entries.get(key);
    if (entry && !options.fresh && this.#now() - entry.storedAt < this.#ttlMs) {
      this.#touch(key, entry);
      return Promise.resolve({ ...entry });
    }
    let running = this.#inFlight.get(key);
    if (!running) {
      running = this.#compute(key, compute).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, running);
    }
    return running;
  }

  get size(): number {
    return this.#entries.size;
  }

  async #compute(key: string, compute: () => Promise<T>): Promise<CachedValue<T>> {
    try {
      const entry = { value: await compute(), storedAt: this.#now() };
      this.#touch(key, entry);
      return { ...entry };
    } catch (failure) {
      const lastGood = this.#entries.get(key);
      if (!lastGood) throw failure;
      return { ...lastGood, failure };
    }
  }

  #touch(key: string, entry: { value: T; storedAt: number }): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
  }
}
