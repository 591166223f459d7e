import { existsSync } from 'node:fs';
import type { Env } from '../shared/env.ts';
import {
  describeStateStore,
  openStateStore,
  stateStoreLocation,
  type StateStore,
} from '../store/index.ts';

/**
 * Runs `use` with the server's state store when this build can read it (DATABASE_URL, or the
 * sqlite file at STATE_DB_PATH once a server made it, and IG_TOKEN_ENCRYPTION_KEY); else
 * undefined, with a warning when a store is there but the key is missing.
 */
export async function withBuildStore<T>(
  env: Env,
  warn: (message: string) => void,
  use: (store: StateStore) => Promise<T>,
): Promise<T | undefined> {
  const location = stateStoreLocation(env);
  if (location.kind === 'sqlite' && !existsSync(location.path)) return undefined;
  if (!env.IG_TOKEN_ENCRYPTION_KEY) {
    warn(
      `${describeStateStore(location)} is the server's store, but IG_TOKEN_ENCRYPTION_KEY is not set, so this build cannot read it.`,
    );
    return undefined;
  }
  const store = await openStateStore(env);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}
