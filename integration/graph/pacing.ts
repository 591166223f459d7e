/**
 * Spaces requests out across every caller of one client. Each request takes a turn; a turn
 * waits for the previous one, then for the current spacing or a pending hold (whichever is
 * longer). With no spacing and no hold, a turn only waits for turns already sleeping.
 */
export class RequestPacer {
  #queue: Promise<void> = Promise.resolve();
  #spacingMs = 0;
  #holdMs = 0;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(sleep: (ms: number) => Promise<void>) {
    this.#sleep = sleep;
  }

  /** Wait this long before each request from now on (0 to stop). */
  setSpacing(ms: number): void {
    this.#spacingMs = ms;
  }

  /** Wait this long once, before the next request of any caller. */
  hold(ms: number): void {
    this.#holdMs = Math.max(this.#holdMs, ms);
  }

  /** Resolves when the caller may send its request. */
  turn(): Promise<void> {
    const turn = this.#queue.then(() => this.#wait());
    this.#queue = turn.catch(() => {});
    return turn;
  }

  async #wait(): Promise<void> {
    const ms = Math.max(this.#spacingMs, this.#holdMs);
    this.#holdMs = 0;
    if (ms > 0) await this.#sleep(ms);
  }
}
