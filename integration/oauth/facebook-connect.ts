import {
  debugToken,
  exchangeFacebookCode,
  exchangeFacebookToken,
  findInstagramPages,
  getUser,
  GraphClient,
} from '../graph/index.ts';
import type { ConnectedAccount, StateStore } from '../store/index.ts';

export interface FacebookOAuthSettings {
  /** The Meta app id (not the Instagram app id of Instagram Login). */
  appId: string;
  appSecret: string;
  /** e.g. `https://www.facebook.com/v26.0/dialog/oauth` */
  dialogUrl: string;
  /** e.g. `https://graph.facebook.com/v26.0` */
  graphBase: string;
  scopes: string[];
  redirectUri: string;
}

/** Without them the user token cannot find the Instagram account behind a Page. */
export const FACEBOOK_LOGIN_SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  'pages_show_list',
  'pages_read_engagement',
  'business_management',
];

/** The Facebook Login dialog the admin is sent to (graph-api.md §2.6). */
export function facebookDialogUrl(settings: FacebookOAuthSettings, state: string): string {
  const url = new URL(settings.dialogUrl);
  url.searchParams.set('client_id', settings.appId);
  url.searchParams.set('redirect_uri', settings.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', settings.scopes.join(','));
  url.searchParams.set('state', state);
  return url.href;
}

/** The user shared no Page linked to an Instagram professional account. */
export class NoInstagramPageError extends Error {
  constructor() {
    super(
      'Facebook connected, but none of the Pages you shared is linked to an Instagram professional account. Link the Instagram account to a Facebook Page (Instagram settings → Account type and tools, or the Page settings → Linked accounts), then connect again and select that Page.',
    );
    this.name = 'NoInstagramPageError';
  }
}

/**
 * Code → short-lived user token → long-lived user token → its Pages → one stored account per
 * Page linked to an Instagram professional account, each with its Page token. A Page token from a
 * long-lived user token does not expire, so nothing needs refreshing (graph-api.md §2.6, §2.8):
 * the stored token is the Page token, with no expiry date.
 */
export async function connectWithFacebookCode(
  code: string,
  settings: FacebookOAuthSettings,
  store: StateStore,
  now = Date.now(),
): Promise<ConnectedAccount[]> {
  const app = {
    graphBase: settings.graphBase,
    appId: settings.appId,
    appSecret: settings.appSecret,
  };
  const short = await exchangeFacebookCode({ ...app, redirectUri: settings.redirectUri, code });
  const long = await exchangeFacebookToken({ ...app, token: short.accessToken });
  const granted = await debugToken({ ...app, token: long.accessToken });
  const user = new GraphClient({
    baseUrl: settings.graphBase,
    accessToken: long.accessToken,
    maxRetries: 2,
  });
  let pages: Awaited<ReturnType<typeof findInstagramPages>>;
  try {
    pages = await findInstagramPages(user);
  } finally {
    await user.close();
  }
  if (pages.length === 0) throw new NoInstagramPageError();
  const stored: ConnectedAccount[] = [];
  for (const page of pages) {
    const account: ConnectedAccount = {
      userId: page.userId,
      username: page.username || (await usernameOf(settings.graphBase, page)),
      scopes: granted.scopes,
      token: page.pageToken,
      tokenIssuedAt: new Date(now).toISOString(),
      tokenExpiresAt: null,
      refreshedAt: null,
      connectedAt: new Date(now).toISOString(),
      source: 'oauth',
      loginFlavour: 'facebook',
    };
    await store.saveAccount(account);
    stored.push(account);
  }
  return stored;
}

async function usernameOf(
  graphBase: string,
  page: { pageToken: string; userId: string },
): Promise<string> {
  const client = new GraphClient({
    baseUrl: graphBase,
    accessToken: page.pageToken,
    maxRetries: 2,
  });
  try {
    return (await getUser(client, page.userId, 'id,username')).username;
  } finally {
    await client.close();
  }
}
