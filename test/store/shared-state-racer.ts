// Another server in a worker thread, with its own connection: opens the store, says it is ready,
// waits for the start signal that releases every racer at once, then goes through the same
// tickets and rate-limit attempts as the others, in the same order, one after the other.
import { parentPort, workerData } from 'node:worker_threads';
import { openStateStore, TokenCipher } from '../../integration/store/index.ts';
import type { RateLimitAttempt } from '../../integration/store/index.ts';

export interface RaceOrders {
  env: Record<string, string>;
  key: Uint8Array;
  /** One Int32: the racers wait while it is 0. */
  start: SharedArrayBuffer;
  /** Keys of the `ticket` scope to take. */
  tickets: string[];
  now: string;
  attempts: RateLimitAttempt[];
}

/** What one racer got: the tickets it took, and the waits its attempts were answered with. */
export interface RaceResult {
  taken: string[];
  waits: number[];
}

const orders = workerData as RaceOrders;
const store = await openStateStore(
  orders.env,
  TokenCipher.fromKeys({ current: Buffer.from(orders.key), old: [] }),
);
const result: RaceResult = { taken: [], waits: [] };
parentPort?.postMessage('ready');
Atomics.wait(new Int32Array(orders.start), 0, 0);
for (const key of orders.tickets)
  if ((await store.takeExpiring('ticket', key, orders.now)) !== undefined) result.taken.push(key);
for (const attempt of orders.attempts) result.waits.push(await store.takeRateLimit(attempt));
await store.close();
parentPort?.postMessage(result);
