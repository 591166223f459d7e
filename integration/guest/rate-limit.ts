/** At most `max` actions per client address in a sliding window (in memory: one server process). */
export class SlidingWindowLimit {
  readonly #hits = new Map<string, number[]>();
  readonly #max: number;
  readonly #windowMs: number;

  constructor(max: number, windowMs: number) {
    this.#max = max;
    this.#windowMs = windowMs;
  }

  /** Counts one action; returns 0 when allowed, else the milliseconds until the next one is. */
  take(client: string, now = Date.now()): number {
    const recent = (this.#hits.get(client) ?? []).filter((at) => now - at < this.#windowMs);
    if (recent.length >= this.#max) {
      this.#hits.set(client, recent);
      return (recent[0] ?? now) + this.#windowMs - now;
    }
    this.#hits.set(client, [...recent, now]);
    return 0;
  }
}
