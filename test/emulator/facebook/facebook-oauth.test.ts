import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { get, postForm } from '../oauth/oauth-helpers.ts';
import { getJson } from '../helpers.ts';
import {
  FB_APP_ID,
  FB_APP_SECRET,
  FB_REDIRECT_URI,
  FB_TOKEN_SHAPE,
  codeExchangeUrl,
  dialogUrl,
  exchangeUrl,
  facebookCode,
  fbUrl,
} from './facebook-helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.control.reset());

describe('the Facebook Login dialog (www.facebook.com/{v}/dialog/oauth)', () => {
  test('shows a consent page naming the Pages and the Facebook permissions', async () => {
    const page = await get(dialogUrl(emulator));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Facebook Pages');
    expect(page.text).toContain('Northlight');
    expect(page.text).toContain('<code>pages_show_list</code>');
    expect(page.text).toContain('action="/facebook/v26.0/dialog/oauth"');
  });

  test('Allow redirects with a code, the state and Facebook\'s "#_=_"', async () => {
    const userId = emulator.userId;
    const answer = await postForm(dialogUrl(emulator), {
      client_id: FB_APP_ID,
      redirect_uri: FB_REDIRECT_URI,
      scope: 'instagram_basic,pages_show_list',
      state: 'csrf-fb',
      decision: 'allow',
      account: userId,
    });
    expect(answer.status).toBe(302);
    expect(answer.location).toMatch(
      /^https:\/\/app\.example\/auth\/facebook\/callback\?code=AQ[\w-]+&state=csrf-fb#_=_$/,
    );
  });

  test('Deny redirects with access_denied and user_denied', async () => {
    const { location } = await get(dialogUrl(emulator, { emulator_auto: 'deny' }));
    const back = new URL(location ?? '');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_reason')).toBe('user_denied');
    expect(back.searchParams.get('state')).toBe('csrf-fb');
  });

  test("an Instagram app id, an unlisted scope or a bad redirect URI get Facebook's error pages", async () => {
    const instagramApp = await get(dialogUrl(emulator, { client_id: '990000000000001' }));
    expect(instagramApp.status).toBe(400);
    expect(instagramApp.text).toContain('Invalid App ID');
    const scope = await get(
      dialogUrl(emulator, { scope: 'instagram_basic,instagram_business_basic' }),
    );
    expect(scope.text).toContain('Invalid Scopes: instagram_business_basic');
    const redirect = await get(dialogUrl(emulator, { redirect_uri: 'ftp://x' }));
    expect(redirect.text).toContain('URL Blocked');
  });

  test('the Instagram authorize window is not served on the Facebook host, nor the dialog on the Instagram one', async () => {
    expect((await get(`${emulator.facebookGraphBase}/oauth/authorize`)).status).toBe(400);
    const onInstagram = await getJson(
      `${emulator.graphBase}/dialog/oauth?access_token=${emulator.demoToken}`,
    );
    expect(onInstagram.body.error.message).toBe('Unknown path components: /dialog/oauth');
  });
});

describe('the code exchange (graph.facebook.com/{v}/oauth/access_token)', () => {
  test('a code buys a short-lived EAA… user token, once', async () => {
    const code = await facebookCode(emulator);
    const first = await getJson(codeExchangeUrl(emulator, code));
    expect(first.status).toBe(200);
    expect(first.body.access_token).toMatch(FB_TOKEN_SHAPE);
    expect(first.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    const again = await getJson(codeExchangeUrl(emulator, code));
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({
      message: 'This authorization code has been used.',
      type: 'OAuthException',
      code: 100,
      error_subcode: 36009,
    });
  });

  test("errors come in Graph's envelope with Facebook's texts", async () => {
    const code = await facebookCode(emulator);
    const cases: [Record<string, string | null>, string][] = [
      [{ client_id: null }, 'Missing client_id parameter.'],
      [{ client_id: '990000000000001' }, 'Error validating application. Invalid application ID.'],
      [{ client_secret: 'nope' }, 'Error validating client secret.'],
      [{ redirect_uri: null }, 'Missing redirect_uri parameter.'],
      [{ redirect_uri: 'https://elsewhere.example/cb' }, 'Error validating verification code.'],
      [{ code: 'AQnot-a-code' }, 'Invalid verification code format.'],
    ];
    for (const [params, message] of cases) {
      const answer = await getJson(codeExchangeUrl(emulator, code, params));
      expect(answer.status, JSON.stringify(params)).toBe(400);
      expect(answer.body.error.message).toContain(message);
    }
    // None of those burnt the code.
    expect((await getJson(codeExchangeUrl(emulator, code))).status).toBe(200);
  });

  test('a code expires after an hour', async () => {
    const code = await facebookCode(emulator);
    emulator.control.advanceClock(3601);
    const answer = await getJson(codeExchangeUrl(emulator, code));
    expect(answer.body.error).toMatchObject({ code: 100, error_subcode: 36007 });
  });
});

describe('fb_exchange_token: the long-lived token, and its renewal', () => {
  async function shortToken(): Promise<string> {
    return (await getJson(codeExchangeUrl(emulator, await facebookCode(emulator)))).body
      .access_token;
  }

  test('a short-lived token becomes a 60-day one; exchanging that again later renews it', async () => {
    const long = await getJson(exchangeUrl(emulator, await shortToken()));
    expect(long.body).toMatchObject({ token_type: 'bearer', expires_in: 5_184_000 });
    emulator.control.advanceClock(50 * 24 * 3600);
    const renewed = await getJson(exchangeUrl(emulator, long.body.access_token));
    expect(renewed.body.error).toBeUndefined();
    expect(renewed.body.expires_in).toBe(5_184_000);
    expect(renewed.body.access_token).not.toBe(long.body.access_token);
    emulator.control.advanceClock(20 * 24 * 3600);
    // 70 days on: the first long-lived token is gone, the renewed one still works.
    const old = await getJson(fbUrl(emulator, '/me', { access_token: long.body.access_token }));
    expect(old.body.error).toMatchObject({ code: 190, error_subcode: 463 });
    const fresh = await getJson(
      fbUrl(emulator, '/me', { access_token: renewed.body.access_token }),
    );
    expect(fresh.status).toBe(200);
  });

  test('an expired token, an Instagram token or a wrong secret is refused', async () => {
    const short = await shortToken();
    const secret = await getJson(exchangeUrl(emulator, short, { client_secret: 'x' }));
    expect(secret.body.error.message).toBe('Error validating client secret.');
    const instagram = await getJson(exchangeUrl(emulator, emulator.demoToken));
    expect(instagram.body.error).toMatchObject({
      code: 190,
      message: 'Invalid OAuth access token - Cannot parse access token',
    });
    const missing = await getJson(exchangeUrl(emulator, short, { fb_exchange_token: null }));
    expect(missing.body.error.message).toBe('(#100) The parameter fb_exchange_token is required');
    emulator.control.advanceClock(3601);
    const expired = await getJson(exchangeUrl(emulator, short));
    expect(expired.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });
});

describe('debug_token', () => {
  test('describes a user token, with the Page and IG account as granular targets', async () => {
    const code = await facebookCode(emulator);
    const token = (await getJson(codeExchangeUrl(emulator, code))).body.access_token;
    const answer = await getJson<{ data: Record<string, unknown> }>(
      fbUrl(emulator, '/debug_token', {
        input_token: token,
        access_token: `${FB_APP_ID}|${FB_APP_SECRET}`,
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.data).toMatchObject({
      app_id: FB_APP_ID,
      type: 'USER',
      is_valid: true,
      scopes: expect.arrayContaining(['instagram_basic', 'pages_show_list']),
    });
    expect(answer.body.data.granular_scopes).toContainEqual({
      scope: 'instagram_basic',
      target_ids: [emulator.userId],
    });
  });

  test('an invalid input token is an answer (is_valid false), a bad caller an error', async () => {
    const bad = await getJson<{ data: { is_valid: boolean; error: { code: number } } }>(
      fbUrl(emulator, '/debug_token', {
        input_token: emulator.demoToken,
        access_token: `${FB_APP_ID}|${FB_APP_SECRET}`,
      }),
    );
    expect(bad.status).toBe(200);
    expect(bad.body.data).toMatchObject({ is_valid: false, error: { code: 190 } });
    const caller = await getJson(
      fbUrl(emulator, '/debug_token', { input_token: 'x', access_token: `${FB_APP_ID}|wrong` }),
    );
    expect(caller.status).toBe(400);
    expect(caller.body.error.code).toBe(190);
  });
});
