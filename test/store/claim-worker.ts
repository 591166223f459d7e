// Another server instance in a worker thread, with its own connection to the same store: claims
// publish jobs or webhook events as `task` says and posts back what it got.
import { parentPort, workerData } from 'node:worker_threads';
import { openStateStore, TokenCipher, type Lease } from '../../integration/store/index.ts';

export type ClaimTask =
  /** claimPublishJob on each id, in order: posts the ids it won. */
  | { kind: 'claim-each'; ids: string[] }
  /** claimLapsedPublishJobs, `batch` at a time, until none is left: posts the ids. */
  | { kind: 'scan-jobs'; batch: number }
  /** claimWebhookEvents, `batch` at a time, marking each processed, until none is left: posts the keys. */
  | { kind: 'drain-events'; batch: number }
  /**
   * claimOutgoingDeliveries and finishOutgoingAttempt (delivered) until none is left: posts
   * `seq:order` per delivery, order being a count shared by every instance, taken after the claim.
   */
  | { kind: 'drain-outgoing'; batch: number };

const { env, key, lease, task, barrier } = workerData as {
  env: Record<string, string>;
  key: Uint8Array;
  lease: Lease;
  task: ClaimTask;
  /**
   * [instances arrived, instances expected, shared count]: every instance starts claiming at the
   * same moment.
   */
  barrier: Int32Array;
};
const store = await openStateStore(
  env,
  TokenCipher.fromKeys({ current: Buffer.from(key), old: [] }),
);
const arrived = Atomics.add(barrier, 0, 1) + 1;
if (arrived === Atomics.load(barrier, 1)) Atomics.notify(barrier, 0);
else
  while (Atomics.load(barrier, 0) < Atomics.load(barrier, 1))
    Atomics.wait(barrier, 0, Atomics.load(barrier, 0), 50);
const got: string[] = [];
if (task.kind === 'claim-each') {
  for (const id of task.ids) if (await store.claimPublishJob(id, lease)) got.push(id);
} else if (task.kind === 'scan-jobs') {
  for (let jobs = await store.claimLapsedPublishJobs(lease, task.batch); jobs.length > 0; ) {
    got.push(...jobs.map((job) => job.id));
    jobs = await store.claimLapsedPublishJobs(lease, task.batch);
  }
} else if (task.kind === 'drain-outgoing') {
  for (let batch = await store.claimOutgoingDeliveries(lease, task.batch); batch.length > 0; ) {
    for (const delivery of batch) {
      got.push(`${delivery.seq}:${Atomics.add(barrier, 2, 1)}`);
      await store.finishOutgoingAttempt(delivery.seq, lease.owner, {
        status: 'delivered',
        at: lease.now,
      });
    }
    batch = await store.claimOutgoingDeliveries(lease, task.batch);
  }
} else {
  for (let events = await store.claimWebhookEvents(lease, task.batch); events.length > 0; ) {
    for (const event of events) {
      got.push(event.dedupKey);
      await store.markWebhookEventProcessed(event.dedupKey, lease.owner, lease.now);
    }
    events = await store.claimWebhookEvents(lease, task.batch);
  }
}
await store.close();
parentPort?.postMessage(got);
