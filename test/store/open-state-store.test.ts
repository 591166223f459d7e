import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  openStateStore,
  StoreConfigError,
  stateStoreLocation,
} from '../../integration/store/index.ts';
import { BACKENDS, useBackend } from './store-backends.ts';
import { account, KEY_A, storeErrorOf } from './store-fixtures.ts';

const ENV_KEY = { IG_TOKEN_ENCRYPTION_KEY: KEY_A.toString('base64') };

describe.each(BACKENDS)('openStateStore, configured for $name', (backend) => {
  useBackend(backend);

  it('opens the store the environment names, tokens under IG_TOKEN_ENCRYPTION_KEY', async () => {
    const store = await openStateStore({ ...backend.env(), ...ENV_KEY });
    try {
      const saved = account();
      await store.saveAccount(saved);
      expect(await backend.count('accounts')).toBe(1);
      expect(await (await backend.open()).getAccount(saved.userId)).toEqual(saved);
    } finally {
      await store.close();
    }
  });
});

describe('where openStateStore keeps the state', () => {
  it('is PostgreSQL when DATABASE_URL is set, even beside STATE_DB_PATH', () => {
    const url = 'postgres://app:secret@db.internal:5432/instagram';
    expect(stateStoreLocation({ DATABASE_URL: url, STATE_DB_PATH: '/srv/state.db' })).toEqual({
      kind: 'postgres',
      url,
    });
  });

  it('is the sqlite file at STATE_DB_PATH otherwise, .data/state.db by default', () => {
    expect(stateStoreLocation({ STATE_DB_PATH: '/srv/state.db', DATABASE_URL: ' ' })).toEqual({
      kind: 'sqlite',
      path: '/srv/state.db',
    });
    expect(stateStoreLocation({})).toEqual({
      kind: 'sqlite',
      path: join(process.cwd(), '.data/state.db'),
    });
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, without repeating its password', () => {
    const read = () => stateStoreLocation({ DATABASE_URL: 'mysql://app:secret@db:3306/instagram' });
    expect(read).toThrow(StoreConfigError);
    expect(read).toThrow(
      'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database), got mysql://app@db:3306/instagram.',
    );
  });

  it('says which database it cannot reach, without its password', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'state-store-'));
    try {
      const error = await storeErrorOf(
        openStateStore({
          ...ENV_KEY,
          DATABASE_URL: 'postgres://app:secret@127.0.0.1:1/instagram',
          STATE_DB_PATH: join(dir, 'state.db'),
        }),
      );
      expect(error.message).toMatch(
        /^Cannot open the state database at postgres:\/\/app@127\.0\.0\.1:1\/instagram: .*Check DATABASE_URL/,
      );
      expect(error.message).not.toContain('secret');
      expect(existsSync(join(dir, 'state.db'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
