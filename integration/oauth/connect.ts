import {
  exchangeCode,
  exchangeForLongLived,
  getMe,
  GraphClient,
  type LongLivedToken,
} from '../graph/index.ts';
import { usageRecord } from '../tokens/index.ts';
import type { ConnectedAccount, StateStore } from '../store/index.ts';

export interface OAuthSettings {
  appId: string;
  appSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  graphBase: string;
  scopes: string[];
  redirectUri: string;
}

/** The Instagram Login window the admin is sent to (graph-api.md §2.1). */
export function authorizeUrl(settings: OAuthSettings, state: string): string {
  const url = new URL(settings.authorizeUrl);
  url.searchParams.set('client_id', settings.appId);
  url.searchParams.set('redirect_uri', settings.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', settings.scopes.join(','));
  url.searchParams.set('state', state);
  return url.href;
}

/**
 * Code → short-lived token → long-lived token → profile → stored connection. Connecting an
 * account again replaces its token.
 */
export async function connectWithCode(
  code: string,
  settings: OAuthSettings,
  store: StateStore,
  now = Date.now(),
): Promise<ConnectedAccount> {
  const short = await exchangeCode({
    tokenUrl: settings.tokenUrl,
    clientId: settings.appId,
    clientSecret: settings.appSecret,
    redirectUri: settings.redirectUri,
    code,
  });
  const long = await exchangeForLongLived({
    graphBase: settings.graphBase,
    appSecret: settings.appSecret,
    shortToken: short.accessToken,
  });
  return storeLongLivedToken(
    long,
    {
      graphBase: settings.graphBase,
      scopes: short.permissions,
      source: 'oauth',
      fallbackUserId: short.userId,
    },
    store,
    now,
  );
}

/** Reads the profile a long-lived token belongs to and stores (or replaces) that account. */
export function storeLongLivedToken(
  long: LongLivedToken,
  how: StoreHow,
  store: StateStore,
  now = Date.now(),
): Promise<ConnectedAccount> {
  const expiresAt = new Date(now + long.expiresInSeconds * 1000).toISOString();
  return storeToken(long.accessToken, expiresAt, how, store, now);
}

/**
 * Stores the environment's token (IG_ACCESS_TOKEN) as the account it belongs to. Its expiry is
 * not known (Instagram tells it only on an exchange or a refresh): the first refresh, from 24
 * hours on, learns it. `expectedUserId` refuses a token of another account than the one the
 * admin was shown, before anything is stored.
 */
export function storeEnvironmentToken(
  token: string,
  how: { graphBase: string; expectedUserId: string },
  store: StateStore,
  now = Date.now(),
): Promise<ConnectedAccount> {
  return storeToken(
    token,
    null,
    { graphBase: how.graphBase, scopes: [], source: 'cli', expectedUserId: how.expectedUserId },
    store,
    now,
  );
}

/** The token's account is not the one the request named. */
export class AccountMismatchError extends Error {
  /** Recognised by name: `instanceof` fails across two copies of this module. */
  static is(error: unknown): error is AccountMismatchError {
    return error instanceof Error && error.name === 'AccountMismatchError';
  }

  constructor(expected: string, actual: { userId: string; username: string }) {
    super(
      `IG_ACCESS_TOKEN belongs to @${actual.username} (${actual.userId}), not to account ${expected}; nothing was stored. Reload /admin and try again.`,
    );
    this.name = 'AccountMismatchError';
  }
}

interface StoreHow {
  graphBase: string;
  scopes: string[];
  source: ConnectedAccount['source'];
  fallbackUserId?: string;
  expectedUserId?: string;
}

async function storeToken(
  token: string,
  tokenExpiresAt: string | null,
  how: StoreHow,
  store: StateStore,
  now: number,
): Promise<ConnectedAccount> {
  const client = new GraphClient({ baseUrl: how.graphBase, accessToken: token, maxRetries: 2 });
  try {
    const me = await getMe(client);
    const userId = me.userId || how.fallbackUserId || '';
    if (how.expectedUserId !== undefined && userId !== how.expectedUserId)
      throw new AccountMismatchError(how.expectedUserId, { userId, username: me.username });
    const account: ConnectedAccount = {
      userId,
      username: me.username,
      ...(me.accountType && { accountType: me.accountType }),
      scopes: how.scopes,
      token,
      tokenIssuedAt: new Date(now).toISOString(),
      tokenExpiresAt,
      refreshedAt: null,
      connectedAt: new Date(now).toISOString(),
      source: how.source,
      ...(client.usage && { lastUsage: usageRecord(client.usage, now) }),
    };
    await store.saveAccount(account);
    return account;
  } finally {
    await client.close();
  }
}
