import type { StateStore, StoredWebhookEvent } from '../store/index.ts';
import { serverLog } from '../shared/log.ts';

export type ProcessEvent = (event: StoredWebhookEvent) => Promise<string>;

export interface WebhookProcessorDeps {
  store: Pick<StateStore, 'unprocessedWebhookEvents' | 'markWebhookEventProcessed'>;
  process: ProcessEvent;
  now?: () => number;
}

/**
 * Runs the effects of stored events after the endpoint answered. One drain at a time, reading
 * from the store, so events stored before a crash are processed by the next `schedule()`.
 */
export class WebhookProcessor {
  readonly #deps: WebhookProcessorDeps;
  #draining: Promise<void> | undefined;
  #again = false;

  constructor(deps: WebhookProcessorDeps) {
    this.#deps = deps;
  }

  /** Starts a drain on the next turn of the event loop (never within the caller's request). */
  schedule(): void {
    if (this.#draining) {
      this.#again = true;
      return;
    }
    this.#draining = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.#drainAll(),
    );
  }

  /** Resolves when no drain is running (tests, shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drainAll(): Promise<void> {
    try {
      do {
        this.#again = false;
        await this.#drainOnce();
      } while (this.#again);
    } catch (error) {
      serverLog.error(`processing webhook events failed: ${(error as Error).message}`);
    } finally {
      this.#draining = undefined;
    }
  }

  async #drainOnce(): Promise<void> {
    const { store, process, now = Date.now } = this.#deps;
    for (
      let events = await store.unprocessedWebhookEvents();
      events.length > 0;
      events = await store.unprocessedWebhookEvents()
    ) {
      for (const event of events) {
        const effect = await process(event).catch((error: Error) => `failed: ${error.message}`);
        await store.markWebhookEventProcessed(
          event.dedupKey,
          effect,
          new Date(now()).toISOString(),
        );
      }
    }
  }
}
