import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphError } from '../../integration/graph/index.ts';
import {
  authorizeUrl,
  connectWithCode,
  type OAuthSettings,
} from '../../integration/oauth/index.ts';
import { createTokenHarness } from '../helpers/token-harness.ts';

let h: Awaited<ReturnType<typeof createTokenHarness>>;
let settings: OAuthSettings;
beforeEach(async () => {
  h = await createTokenHarness();
  settings = {
    appId: '990000000000001',
    appSecret: 'emulator-app-secret',
    authorizeUrl: `${h.emulator.origin}/oauth/authorize`,
    tokenUrl: `${h.emulator.origin}/oauth/access_token`,
    graphBase: h.emulator.graphBase,
    scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
    redirectUri: 'https://photos.example.com/api/instagram/oauth/callback',
  };
});
afterEach(async () => {
  await h.close();
});

/** Follows the consent window with the emulator's auto-consent and returns the callback URL. */
async function consent(
  account = 'northlight.events',
  decision: 'allow' | 'deny' = 'allow',
): Promise<URL> {
  const url = new URL(authorizeUrl(settings, 'state-123'));
  url.searchParams.set('emulator_auto', decision);
  url.searchParams.set('emulator_account', account);
  const response = await request(url);
  await response.body.dump();
  return new URL(String(response.headers.location));
}

describe('connecting an account with Instagram Login', () => {
  it('sends the app id, redirect URI, scopes and state to the consent window', () => {
    const url = new URL(authorizeUrl(settings, 'state-123'));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '990000000000001',
      redirect_uri: settings.redirectUri,
      response_type: 'code',
      scope: 'instagram_business_basic,instagram_business_content_publish',
      state: 'state-123',
    });
  });

  it('exchanges the code for a long-lived token and stores the account, its id a string beyond 2^53', async () => {
    const callback = await consent();
    expect(callback.searchParams.get('state')).toBe('state-123');
    const account = await connectWithCode(callback.searchParams.get('code')!, settings, h.store);
    expect(account.userId).toBe('17841400000000001');
    expect(account.username).toBe('northlight.events');
    expect(account.scopes).toEqual([
      'instagram_business_basic',
      'instagram_business_content_publish',
    ]);
    expect(Date.parse(account.tokenExpiresAt!) - Date.now()).toBeGreaterThan(59 * 86_400_000);
    expect((await h.store.getAccount('17841400000000001'))?.token).toBe(account.token);
    const counts = h.emulator.control.counts().byRoute;
    expect([counts['POST /oauth/access_token'], counts['GET /access_token']]).toEqual([1, 1]);
  });

  it('accepts the documented response shape too (data[], string id, comma-joined permissions)', async () => {
    h.emulator.control.setOAuthResponseShape('doc');
    const callback = await consent('othervenue');
    const account = await connectWithCode(callback.searchParams.get('code')!, settings, h.store);
    expect(account).toMatchObject({
      userId: '17841400000000002',
      username: 'othervenue',
      scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
    });
  });

  it('refuses a code used twice, and stores nothing more', async () => {
    const code = (await consent()).searchParams.get('code')!;
    await connectWithCode(code, settings, h.store);
    await h.store.deleteAccount('17841400000000001');
    const error = (await connectWithCode(code, settings, h.store).catch(
      (e: unknown) => e,
    )) as GraphError;
    expect(error).toBeInstanceOf(GraphError);
    expect(error.message).toContain('Matching code was not found or was already used');
    expect(error.message).not.toContain(code);
    expect(await h.store.listAccounts()).toEqual([]);
  });

  it('brings back access_denied when the user says no', async () => {
    const callback = await consent('northlight.events', 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('code')).toBeNull();
  });
});
