import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphClient, listMedia } from '../../integration/graph/index.ts';
import {
  connectWithFacebookCode,
  type FacebookOAuthSettings,
  facebookDialogUrl,
  NoInstagramPageError,
} from '../../integration/oauth/index.ts';
import { graphBaseFor, TokenLifecycleError } from '../../integration/tokens/index.ts';
import { createTokenHarness, DAY } from '../helpers/token-harness.ts';

let h: Awaited<ReturnType<typeof createTokenHarness>>;
let settings: FacebookOAuthSettings;
beforeEach(async () => {
  h = await createTokenHarness();
  settings = {
    appId: '990000000000002',
    appSecret: 'emulator-facebook-app-secret',
    dialogUrl: `${h.emulator.facebookGraphBase}/dialog/oauth`,
    graphBase: h.emulator.facebookGraphBase,
    scopes: ['instagram_basic', 'instagram_manage_insights', 'pages_show_list'],
    redirectUri: 'https://photos.example.com/api/instagram/oauth/facebook/callback',
  };
});
afterEach(async () => {
  await h.close();
});

/** Through the emulator's Facebook dialog with auto-consent: the callback's code. */
async function dialogCode(account = 'northlight.events', scopes?: string[]): Promise<string> {
  const url = new URL(facebookDialogUrl(scopes ? { ...settings, scopes } : settings, 'st-1'));
  url.searchParams.set('emulator_auto', 'allow');
  url.searchParams.set('emulator_account', account);
  const response = await request(url);
  await response.body.dump();
  const callback = new URL(String(response.headers.location));
  expect(callback.searchParams.get('state')).toBe('st-1');
  return callback.searchParams.get('code') ?? '';
}

describe('connecting an account with Facebook Login', () => {
  it('sends the Meta app id, redirect URI, Facebook scopes and state to the dialog', () => {
    const url = new URL(facebookDialogUrl(settings, 'st-1'));
    expect(url.pathname).toBe('/facebook/v26.0/dialog/oauth');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '990000000000002',
      redirect_uri: settings.redirectUri,
      response_type: 'code',
      scope: 'instagram_basic,instagram_manage_insights,pages_show_list',
      state: 'st-1',
    });
  });

  it('finds the Instagram account through the Page and stores it with its Page token, flavour facebook', async () => {
    const [account, ...others] = await connectWithFacebookCode(
      await dialogCode('othervenue'),
      settings,
      h.store,
    );
    expect(others).toEqual([]);
    expect(account).toMatchObject({
      userId: '17841400000000002',
      username: 'othervenue',
      loginFlavour: 'facebook',
      tokenExpiresAt: null,
      source: 'oauth',
    });
    expect(account?.scopes).toEqual([
      'instagram_basic',
      'instagram_manage_insights',
      'pages_show_list',
    ]);
    expect(account?.token).toMatch(/^EAA/);
    const stored = await h.store.getAccount('17841400000000002');
    expect(stored).toEqual(account);
    // The stored token reads the account's media on the host of its login, and only there.
    const bases = { instagram: h.emulator.graphBase, facebook: h.emulator.facebookGraphBase };
    const client = new GraphClient({
      baseUrl: graphBaseFor(stored ?? {}, bases),
      accessToken: stored?.token ?? '',
    });
    const page = await listMedia(client, { userId: '17841400000000002', limit: 2 }).next();
    expect(page.value?.length).toBe(2);
    await client.close();
  });

  it('says what to do when no shared Page has an Instagram account (pages_show_list declined)', async () => {
    const code = await dialogCode('northlight.events', ['instagram_basic']);
    await expect(connectWithFacebookCode(code, settings, h.store)).rejects.toThrow(
      NoInstagramPageError,
    );
    expect(await h.store.listAccounts()).toEqual([]);
  });

  it('is healthy for good: a Page token needs no refresh, and asking for one says why', async () => {
    await connectWithFacebookCode(await dialogCode(), settings, h.store);
    h.emulator.control.advanceClock((200 * DAY) / 1000);
    const [status] = await h.tokens.statuses();
    expect(status).toMatchObject({
      health: 'healthy',
      refreshDue: false,
      expiresAt: null,
      refreshBlockedBy: 'page_token',
    });
    expect((await h.tokens.refreshDue())[0]?.outcome).toMatchObject({ refreshed: false });
    const refused = await h.tokens.refresh('17841400000000001').catch((error: unknown) => error);
    expect(TokenLifecycleError.is(refused) && refused.code).toBe('not_refreshable');
    expect(h.emulator.control.counts().byRoute['GET /refresh_access_token']).toBeUndefined();
  });
});
