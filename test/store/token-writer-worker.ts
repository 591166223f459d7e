// A second server in a worker thread: opens the same store and refreshes the same token in a loop.
import { parentPort, workerData } from 'node:worker_threads';
import { openStateStore, TokenCipher } from '../../integration/store/index.ts';

const { env, key, userId, updates } = workerData as {
  env: Record<string, string>;
  key: Uint8Array;
  userId: string;
  updates: { token: string; tokenIssuedAt: string; tokenExpiresAt: string; refreshedAt: string }[];
};
const store = await openStateStore(
  env,
  TokenCipher.fromKeys({ current: Buffer.from(key), old: [] }),
);
for (const update of updates) await store.updateToken(userId, update);
await store.close();
parentPort?.postMessage('done');
