// A second server in a worker thread: opens the same file and refreshes the same token in a loop.
import { workerData, parentPort } from 'node:worker_threads';
import { openSqliteStore, TokenCipher } from '../../integration/store/index.ts';

const { path, key, userId, updates } = workerData as {
  path: string;
  key: Uint8Array;
  userId: string;
  updates: { token: string; tokenIssuedAt: string; tokenExpiresAt: string; refreshedAt: string }[];
};
const store = await openSqliteStore({
  path,
  cipher: TokenCipher.fromKeys({ current: Buffer.from(key), old: [] }),
});
for (const update of updates) await store.updateToken(userId, update);
await store.close();
parentPort?.postMessage('done');
