/**
 * Runs `work` off the caller's turn, one run at a time: a `schedule()` during a run asks for one
 * more run after it (however many came), so work that arrives while a run is busy is never left
 * waiting for the next trigger. Failures go to `onError`; the next `schedule()` tries again.
 */
export class CoalescedRun {
  readonly #work: () => Promise<unknown>;
  readonly #onError: (error: Error) => void;
  #running: Promise<void> | undefined;
  #again = false;

  constructor(work: () => Promise<unknown>, onError: (error: Error) => void) {
    this.#work = work;
    this.#onError = onError;
  }

  /** Starts a run on the next turn of the event loop (never within the caller's request). */
  schedule(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.#runAll(),
    );
  }

  /** Resolves when no run is going (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #runAll(): Promise<void> {
    try {
      do {
        this.#again = false;
        await this.#work();
      } while (this.#again);
    } catch (error) {
      this.#onError(error as Error);
    } finally {
      this.#running = undefined;
    }
  }
}
