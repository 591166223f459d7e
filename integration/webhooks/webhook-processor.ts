import { CoalescedRun } from '../shared/coalesced-run.ts';
import { newInstanceId } from '../shared/instance-id.ts';
import type { StateStore, StoredWebhookEvent } from '../store/index.ts';
import { serverLog } from '../shared/log.ts';

export type ProcessEvent = (event: StoredWebhookEvent) => Promise<string>;

/**
 * How long an instance holds the events it claimed: far longer than a batch takes. The batch of
 * an instance that died is processed by another once this has passed.
 */
export const WEBHOOK_CLAIM_MS = 60_000;
/** Events claimed at once. */
export const WEBHOOK_CLAIM_BATCH = 50;
/**
 * How often the server drains even when no delivery came (the background work): so the events an
 * instance that died had claimed are processed without waiting for the next delivery.
 */
export const WEBHOOK_SWEEP_MS = 30_000;

export interface WebhookProcessorDeps {
  store: Pick<StateStore, 'claimWebhookEvents' | 'markWebhookEventProcessed'>;
  process: ProcessEvent;
  now?: () => number;
  /** This instance's name in the claims it holds (default: a new one, see `newInstanceId`). */
  instanceId?: string;
  /** Default `WEBHOOK_CLAIM_MS`. */
  claimMs?: number;
}

/**
 * Runs the effects of stored events after the endpoint answered. One drain at a time, reading
 * from the store, so events stored before a crash are processed by the next `schedule()`.
 * Several instances may drain one store at once: each claims a batch of events in the store
 * before processing it, so each event's effects run on one instance.
 */
export class WebhookProcessor {
  readonly #deps: WebhookProcessorDeps;
  readonly #owner: string;
  readonly #drains = new CoalescedRun(
    () => this.#drainOnce(),
    (error) => serverLog.error(`processing webhook events failed: ${error.message}`),
  );

  constructor(deps: WebhookProcessorDeps) {
    this.#deps = deps;
    this.#owner = deps.instanceId ?? newInstanceId();
  }

  /** Starts a drain on the next turn of the event loop (never within the caller's request). */
  schedule(): void {
    this.#drains.schedule();
  }

  /** Resolves when no drain is running (tests, shutdown). */
  whenIdle(): Promise<void> {
    return this.#drains.whenIdle();
  }

  async #drainOnce(): Promise<void> {
    const { store, process, now = Date.now } = this.#deps;
    for (let batch = await this.#claim(); batch.events.length > 0; batch = await this.#claim()) {
      for (const event of batch.events) {
        // Stalled past the claim (a long pause): another instance may hold these events now.
        if (now() >= batch.until) break;
        const effect = await process(event).catch((error: Error) => `failed: ${error.message}`);
        await store.markWebhookEventProcessed(
          event.dedupKey,
          effect,
          new Date(now()).toISOString(),
        );
      }
    }
  }

  /** The next batch no other live instance holds, and when this instance's claim on it ends. */
  async #claim(): Promise<{ events: StoredWebhookEvent[]; until: number }> {
    const { store, now = Date.now, claimMs = WEBHOOK_CLAIM_MS } = this.#deps;
    const at = now();
    const claim = {
      owner: this.#owner,
      now: new Date(at).toISOString(),
      until: new Date(at + claimMs).toISOString(),
    };
    return {
      events: await store.claimWebhookEvents(claim, WEBHOOK_CLAIM_BATCH),
      until: at + claimMs,
    };
  }
}
