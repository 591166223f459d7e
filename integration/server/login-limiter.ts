/**
 * Failed logins per client address in a sliding window. In memory: one server process; a
 * restart forgets, which is acceptable for slowing down password guessing.
 */
export class LoginLimiter {
  readonly #failures = new Map<string, number[]>();
  readonly #max: number;
  readonly #windowMs: number;

  constructor(max = 5, windowMs = 15 * 60_000) {
    this.#max = max;
    this.#windowMs = windowMs;
  }

  /** Milliseconds until `client` may try again; 0 when it may now. */
  retryAfterMs(client: string, now = Date.now()): number {
    const recent = this.#recent(client, now);
    return recent.length < this.#max ? 0 : (recent[0] ?? now) + this.#windowMs - now;
  }

  fail(client: string, now = Date.now()): void {
    this.#failures.set(client, [...this.#recent(client, now), now]);
  }

  succeed(client: string): void {
    this.#failures.delete(client);
  }

  #recent(client: string, now: number): number[] {
    return (this.#failures.get(client) ?? []).filter((at) => now - at < this.#windowMs);
  }
}
