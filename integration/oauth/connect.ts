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
export async function storeLongLivedToken(
  long: LongLivedToken,
  how: {
    graphBase: string;
    scopes: string[];
    source: ConnectedAccount['source'];
    fallbackUserId?: string;
  },
  store: StateStore,
  now = Date.now(),
): Promise<ConnectedAccount> {
  const client = new GraphClient({
    baseUrl: how.graphBase,
    accessToken: long.accessToken,
    maxRetries: 2,
  });
  try {
    const me = await getMe(client);
    const account: ConnectedAccount = {
      userId: me.userId || how.fallbackUserId || '',
      username: me.username,
      ...(me.accountType && { accountType: me.accountType }),
      scopes: how.scopes,
      token: long.accessToken,
      tokenIssuedAt: new Date(now).toISOString(),
      tokenExpiresAt: new Date(now + long.expiresInSeconds * 1000).toISOString(),
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
