import type { StateStore } from '../store/index.ts';

const LIMIT = 'admin login';

/**
 * Login attempts per client address in a sliding window, counted in the state store: guesses
 * spread over several server instances count together. An attempt is counted before the password
 * is checked, so parallel guesses cannot get more than the limit checked; a success clears them.
 */
export class LoginLimiter {
  readonly #store: Pick<StateStore, 'takeRateLimit' | 'clearRateLimit'>;
  readonly #max: number;
  readonly #windowMs: number;

  constructor(
    store: Pick<StateStore, 'takeRateLimit' | 'clearRateLimit'>,
    max = 5,
    windowMs = 15 * 60_000,
  ) {
    this.#store = store;
    this.#max = max;
    this.#windowMs = windowMs;
  }

  /** Counts an attempt: 0 when it may go ahead, else the milliseconds until `client` may try again. */
  attempt(client: string, now = Date.now()): Promise<number> {
    return this.#store.takeRateLimit({
      limit: LIMIT,
      client,
      max: this.#max,
      windowMs: this.#windowMs,
      at: new Date(now).toISOString(),
    });
  }

  /** The password was right: the client's attempts are forgotten. */
  succeed(client: string): Promise<void> {
    return this.#store.clearRateLimit(LIMIT, client);
  }
}
