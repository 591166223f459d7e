import type { GraphClient } from './client.ts';
import { GraphError } from './errors.ts';
import { call, longLived, type LongLivedToken } from './tokens.ts';

// Instagram API with Facebook Login (graph.facebook.com): the code exchange, fb_exchange_token,
// debug_token and Page discovery (graph-api.md §1.3, §2.6, §2.7). All on the versioned base.

interface AppCredentials {
  /** e.g. `https://graph.facebook.com/v26.0` */
  graphBase: string;
  appId: string;
  appSecret: string;
}

/** Dialog code → short-lived Facebook user token (`GET /oauth/access_token?code=`). */
export async function exchangeFacebookCode(
  input: AppCredentials & { redirectUri: string; code: string },
): Promise<LongLivedToken> {
  const url = endpoint(input.graphBase, '/oauth/access_token', {
    client_id: input.appId,
    client_secret: input.appSecret,
    redirect_uri: input.redirectUri,
    code: input.code.replace(/#_=_$/, ''),
  });
  return longLived(await call('GET', url, [input.appSecret, input.code]));
}

/**
 * A Facebook user token → a long-lived one, 60 days from now (`grant_type=fb_exchange_token`).
 * Facebook has no refresh endpoint: exchanging a long-lived token again is how it is renewed.
 */
export async function exchangeFacebookToken(
  input: AppCredentials & { token: string },
): Promise<LongLivedToken> {
  const url = endpoint(input.graphBase, '/oauth/access_token', {
    grant_type: 'fb_exchange_token',
    client_id: input.appId,
    client_secret: input.appSecret,
    fb_exchange_token: input.token,
  });
  return longLived(await call('GET', url, [input.appSecret, input.token]));
}

/** What `debug_token` says of a token. */
export interface TokenDescription {
  isValid: boolean;
  type?: string;
  scopes: string[];
  /** ISO; null when it never expires (`expires_at: 0`). */
  expiresAt: string | null;
}

/** `GET /debug_token` with the app token (`<app id>|<secret>`). */
export async function debugToken(
  input: AppCredentials & { token: string },
): Promise<TokenDescription> {
  const appToken = `${input.appId}|${input.appSecret}`;
  const url = endpoint(input.graphBase, '/debug_token', {
    input_token: input.token,
    access_token: appToken,
  });
  const body = await call('GET', url, [input.appSecret, input.token, appToken]);
  const data = (body.data ?? {}) as Record<string, unknown>;
  const expiresAt = Number(data.expires_at ?? 0);
  return {
    isValid: data.is_valid === true,
    ...(typeof data.type === 'string' && { type: data.type }),
    scopes: Array.isArray(data.scopes) ? data.scopes.map(String) : [],
    expiresAt: expiresAt > 0 ? new Date(expiresAt * 1000).toISOString() : null,
  };
}

/** A Facebook Page the user manages that is linked to an Instagram professional account. */
export interface InstagramPage {
  pageId: string;
  pageName: string;
  /** The Page token: from a long-lived user token, it does not expire. */
  pageToken: string;
  /** The IG professional account id. */
  userId: string;
  username: string;
}

const PAGE_FIELDS = 'id,name,access_token,instagram_business_account{id,username}';

/**
 * The user's Pages that have an Instagram professional account (`GET /me/accounts`), every page
 * of the list; Pages without one are left out. Needs a user token with `pages_show_list`.
 */
export async function findInstagramPages(client: GraphClient): Promise<InstagramPage[]> {
  const found: InstagramPage[] = [];
  for await (const pages of client.paginate<Record<string, unknown>>('/me/accounts', {
    fields: PAGE_FIELDS,
    limit: 100,
  })) {
    for (const page of pages) {
      const account = page.instagram_business_account as Record<string, unknown> | undefined;
      if (!account?.id) continue;
      if (typeof page.access_token !== 'string')
        throw new GraphError({
          category: 'bad_request',
          message: `GET /me/accounts: Page ${String(page.id)} came without its access_token`,
          path: '/me/accounts',
        });
      found.push({
        pageId: String(page.id),
        pageName: String(page.name ?? ''),
        pageToken: page.access_token,
        userId: String(account.id),
        username: String(account.username ?? ''),
      });
    }
  }
  return found;
}

function endpoint(graphBase: string, path: string, params: Record<string, string>): URL {
  const url = new URL(`${graphBase.replace(/\/$/, '')}${path}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}
