import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import {
  openSqliteStore,
  TokenCipher,
  type ConnectedAccount,
  type StateStore,
} from '../../integration/store/index.ts';
import { TokenService } from '../../integration/tokens/index.ts';

export const DAY = 86_400_000;
export const TEST_KEY = Buffer.alloc(32, 0x2a).toString('base64');

/**
 * An account whose long-lived token the emulator issued `ageDays` ago and which expires in
 * `daysLeft`, on the emulator's clock (default @northlight.events).
 */
export function agedAccount(
  emulator: RunningEmulator,
  options: { username?: string; ageDays: number; daysLeft: number },
): ConnectedAccount {
  const now = emulator.control.now();
  const issuedAt = now - options.ageDays * DAY;
  const expiresAt = now + options.daysLeft * DAY;
  const username = options.username ?? 'northlight.events';
  return {
    userId: username === 'northlight.events' ? '17841400000000001' : '17841400000000002',
    username,
    scopes: ['instagram_business_basic'],
    token: emulator.control.issueToken({ kind: 'long', username, issuedAt, expiresAt }),
    tokenIssuedAt: new Date(issuedAt).toISOString(),
    tokenExpiresAt: new Date(expiresAt).toISOString(),
    refreshedAt: null,
    connectedAt: new Date(now).toISOString(),
    source: 'oauth',
  };
}

/**
 * A real emulator, a real sqlite store in a temp dir, and the token service between them,
 * all on the emulator's clock so tests can age tokens.
 */
export async function createTokenHarness(leadDays = 10) {
  const emulator: RunningEmulator = await startEmulator();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ais-tokens-'));
  const dbPath = path.join(dir, 'state.db');
  const store: StateStore = await openSqliteStore({
    path: dbPath,
    cipher: TokenCipher.fromKeys({ current: Buffer.from(TEST_KEY, 'base64'), old: [] }),
  });
  const now = () => emulator.control.now();
  const tokens = new TokenService({ store, graphBase: emulator.graphBase, leadDays, now });

  /** Stores an account whose long-lived token was issued `ageDays` ago and expires in `daysLeft`. */
  async function connect(options: {
    username?: string;
    ageDays: number;
    daysLeft: number;
  }): Promise<ConnectedAccount> {
    const account = agedAccount(emulator, options);
    await store.saveAccount(account);
    return account;
  }

  return {
    emulator,
    store,
    tokens,
    dir,
    dbPath,
    now,
    connect,
    refreshCalls: () => emulator.control.counts().byRoute['GET /refresh_access_token'] ?? 0,
    async close() {
      await store.close();
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
