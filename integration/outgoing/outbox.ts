import { CoalescedRun } from '../shared/coalesced-run.ts';
import { newInstanceId } from '../shared/instance-id.ts';
import { serverLog } from '../shared/log.ts';
import type { OutgoingDelivery, OutgoingEndpoint, StateStore } from '../store/index.ts';
import type { OutgoingEventType } from './event-types.ts';
import { messageBody, outgoingMessage } from './message.ts';
import {
  DEFAULT_RETRY_SCHEDULE,
  RETRY_WINDOW_MS,
  retryDelayMs,
  type RetrySchedule,
} from './retry-schedule.ts';
import { sendDelivery, type SendResult } from './send-delivery.ts';
import { signedHeaders, signingSecrets } from './signing.ts';

/** How long an instance holds the deliveries it claimed: far longer than an attempt takes. */
export const OUTGOING_CLAIM_MS = 60_000;
/** An attempt waits this long for the endpoint's answer. */
export const OUTGOING_TIMEOUT_MS = 10_000;
/**
 * How often the server looks for due deliveries without being told (the background work):
 * retries whose wait is over, and messages another instance stored.
 */
export const OUTGOING_SWEEP_MS = 5_000;
/** Endpoints served at once by one drain. */
const CLAIM_BATCH = 20;

export type OutgoingStore = Pick<
  StateStore,
  | 'enqueueOutgoing'
  | 'claimOutgoingDeliveries'
  | 'finishOutgoingAttempt'
  | 'listOutgoingEndpoints'
  | 'replayOutgoingDelivery'
>;

export interface OutgoingWebhooksDeps {
  store: OutgoingStore;
  /** This instance's name in its claims (default: a new one). */
  instanceId?: string;
  now?: () => number;
  retry?: RetrySchedule;
  claimMs?: number;
  timeoutMs?: number;
  send?: typeof sendDelivery;
  /** Tests: no drain starts by itself (after `emit` or `replay`), only when `drain` is called. */
  manual?: boolean;
}

/**
 * The outbox of signed outgoing webhooks (Standard Webhooks). `emit` stores a message for every
 * endpoint subscribed to its type; drains claim each endpoint's oldest due delivery in the store,
 * send it, and record the outcome, so every instance on the store may drain and each delivery is
 * sent by one at a time, in order per endpoint. A failed attempt is retried with exponential
 * backoff until 24 h after the event, then marked failed.
 */
export class OutgoingWebhooks {
  readonly #deps: OutgoingWebhooksDeps;
  readonly #owner: string;
  readonly #drains = new CoalescedRun(
    () => this.drain(),
    (error) => serverLog.error(`sending webhooks failed: ${error.message}`),
  );
  /** The next retry this instance scheduled: a drain then, without waiting for the sweep. */
  #retryTimer: NodeJS.Timeout | undefined;
  #retryAt = Number.POSITIVE_INFINITY;
  #stopped = false;

  constructor(deps: OutgoingWebhooksDeps) {
    this.#deps = deps;
    this.#owner = deps.instanceId ?? newInstanceId();
  }

  #now(): number {
    return this.#deps.now?.() ?? Date.now();
  }

  /**
   * Stores the event for its endpoints and schedules a drain. `key` names the happening (e.g. a
   * job id), so giving it again stores nothing more. Never throws: a failure is logged.
   */
  async emit(type: OutgoingEventType, data: Record<string, unknown>, key?: string): Promise<void> {
    const at = this.#now();
    try {
      const message = outgoingMessage(type, data, new Date(at), key);
      const stored = await this.#deps.store.enqueueOutgoing(
        message,
        new Date(at).toISOString(),
        new Date(at + RETRY_WINDOW_MS).toISOString(),
      );
      if (stored > 0) this.schedule();
    } catch (error) {
      serverLog.error(`cannot queue the ${type} webhook: ${(error as Error).message}`);
    }
  }

  /** Sends a delivery again from now, retried for 24 h like a new one; false when there is none. */
  async replay(seq: number): Promise<boolean> {
    const at = this.#now();
    const replayed = await this.#deps.store.replayOutgoingDelivery(
      seq,
      new Date(at).toISOString(),
      new Date(at + RETRY_WINDOW_MS).toISOString(),
    );
    if (replayed) this.schedule();
    return replayed;
  }

  /** Starts a drain on the next turn of the event loop (never within the caller's request). */
  schedule(): void {
    if (this.#deps.manual || this.#stopped) return;
    this.#drains.schedule();
  }

  /** Resolves when no drain is running (tests, shutdown). */
  whenIdle(): Promise<void> {
    return this.#drains.whenIdle();
  }

  /** No drain starts from now on (shutdown); one running ends by itself (see `whenIdle`). */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
  }

  #scheduleRetry(at: number): void {
    if (this.#deps.manual || this.#stopped || at >= this.#retryAt) return;
    clearTimeout(this.#retryTimer);
    this.#retryAt = at;
    this.#retryTimer = setTimeout(
      () => {
        this.#retryAt = Number.POSITIVE_INFINITY;
        this.schedule();
      },
      Math.max(0, at - this.#now()),
    );
    this.#retryTimer.unref();
  }

  /** Sends every due delivery until none is left; returns how many attempts it made. */
  async drain(): Promise<number> {
    let attempts = 0;
    for (;;) {
      const at = this.#now();
      const claimMs = this.#deps.claimMs ?? OUTGOING_CLAIM_MS;
      const claim = {
        owner: this.#owner,
        now: new Date(at).toISOString(),
        until: new Date(at + claimMs).toISOString(),
      };
      const batch = await this.#deps.store.claimOutgoingDeliveries(claim, CLAIM_BATCH);
      if (batch.length === 0) return attempts;
      const endpoints = new Map(
        (await this.#deps.store.listOutgoingEndpoints()).map((each) => [each.id, each]),
      );
      // One delivery per endpoint in a batch: endpoints are served side by side.
      await Promise.all(batch.map((delivery) => this.#attempt(delivery, endpoints)));
      attempts += batch.length;
    }
  }

  async #attempt(
    delivery: OutgoingDelivery,
    endpoints: Map<string, OutgoingEndpoint>,
  ): Promise<void> {
    const endpoint = endpoints.get(delivery.endpointId);
    // Removed since the claim: its deliveries went with it.
    if (!endpoint) return;
    const sentAt = this.#now();
    const body = messageBody(delivery.message);
    const headers = signedHeaders(
      signingSecrets(endpoint, sentAt),
      delivery.message.id,
      new Date(sentAt),
      body,
    );
    const send = this.#deps.send ?? sendDelivery;
    const result = await send(
      endpoint.url,
      headers,
      body,
      this.#deps.timeoutMs ?? OUTGOING_TIMEOUT_MS,
    );
    await this.#deps.store.finishOutgoingAttempt(
      delivery.seq,
      this.#owner,
      this.#outcome(delivery, result),
    );
  }

  #outcome(delivery: OutgoingDelivery, result: SendResult) {
    const now = this.#now();
    const at = new Date(now).toISOString();
    const answer = {
      at,
      ...(result.responseCode !== undefined && { responseCode: result.responseCode }),
      ...(result.error !== undefined && { error: result.error }),
    };
    if (result.ok) return { status: 'delivered' as const, ...answer };
    const next =
      now + retryDelayMs(delivery.attempts + 1, this.#deps.retry ?? DEFAULT_RETRY_SCHEDULE);
    if (next > Date.parse(delivery.retryUntil)) return { status: 'failed' as const, ...answer };
    this.#scheduleRetry(next);
    return { status: 'pending' as const, nextAttemptAt: new Date(next).toISOString(), ...answer };
  }
}
