import path from 'node:path';
import type { Env } from '../shared/env.ts';
import { StoreConfigError } from './errors.ts';
import { loadTokenKeys } from './keys.ts';
import { openPostgresStore } from './postgres-store.ts';
import { describeDatabaseUrl, isPostgresUrl } from './postgres-url.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { TokenCipher } from './token-cipher.ts';
import type { StateStore } from './types.ts';

export const DATABASE_URL_VARIABLE = 'DATABASE_URL';
export const DEFAULT_STATE_DB_PATH = '.data/state.db';

/** Where the state is kept: a PostgreSQL database shared by every instance, or a local sqlite file. */
export type StateStoreLocation =
  | { kind: 'postgres'; url: string }
  | { kind: 'sqlite'; path: string };

/** `DATABASE_URL` when set (it must be a `postgres://` URL), else the sqlite file at `STATE_DB_PATH`. */
export function stateStoreLocation(env: Env): StateStoreLocation {
  const url = env[DATABASE_URL_VARIABLE]?.trim();
  if (url) {
    if (!isPostgresUrl(url)) {
      throw new StoreConfigError(
        DATABASE_URL_VARIABLE,
        `${DATABASE_URL_VARIABLE} must be a PostgreSQL URL (postgres://user:password@host:5432/database), got ${describeDatabaseUrl(url)}. Unset it to keep the state in the sqlite file at STATE_DB_PATH.`,
      );
    }
    return { kind: 'postgres', url };
  }
  return { kind: 'sqlite', path: path.resolve(env.STATE_DB_PATH || DEFAULT_STATE_DB_PATH) };
}

/** For messages: the file's path, or the database URL without its password. */
export function describeStateStore(location: StateStoreLocation): string {
  return location.kind === 'sqlite' ? location.path : describeDatabaseUrl(location.url);
}

/**
 * Opens the configured state store, schema brought up to date: PostgreSQL when `DATABASE_URL`
 * is set, else the sqlite file at `STATE_DB_PATH` (default `.data/state.db`). Tokens are
 * encrypted with `IG_TOKEN_ENCRYPTION_KEY` unless a cipher is given.
 */
export function openStateStore(
  env: Env,
  cipher: TokenCipher = TokenCipher.fromKeys(loadTokenKeys(env)),
): Promise<StateStore> {
  const location = stateStoreLocation(env);
  return location.kind === 'postgres'
    ? openPostgresStore({ url: location.url, cipher })
    : openSqliteStore({ path: location.path, cipher });
}
