import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  startEmulator,
  type RunningEmulator,
  type Seed,
} from '../../../integration/emulator/index.ts';
import {
  APP_ID,
  authorizeUrl,
  exchangeCode,
  get,
  parseConsentForm,
  postForm,
  REDIRECT_URI,
  submission,
} from './oauth-helpers.ts';
import { seedWithImages } from '../seeds.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

async function consentForm(params: Record<string, string | null> = {}, prefix = '') {
  const page = await get(authorizeUrl(emulator, params, prefix));
  expect(page.status).toBe(200);
  return { page, form: parseConsentForm(page.text) };
}

function redirectParams(location: string | undefined): Record<string, string> {
  expect(location?.startsWith(`${REDIRECT_URI}?`)).toBe(true);
  return Object.fromEntries(new URL(location ?? '').searchParams);
}

describe('the authorize window (consent page)', () => {
  test('asks to allow the app, lists the accounts (first checked) and the requested scopes, with Allow and Deny', async () => {
    const { page, form } = await consentForm();
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain(`Allow app ${APP_ID} to access your Instagram account?`);
    expect(page.text).not.toContain('<script');
    expect(form.accounts).toEqual([
      { value: '17841400000000001', checked: true, label: '@northlight.events Northlight Events' },
      { value: '17841400000000002', checked: false, label: '@othervenue The Other Venue' },
    ]);
    expect([...page.text.matchAll(/data-scope="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'instagram_business_basic',
      'instagram_business_manage_insights',
    ]);
    expect(form.buttons.map((b) => [b.text, b.name, b.value])).toEqual([
      ['Allow', 'decision', 'allow'],
      ['Deny', 'decision', 'deny'],
    ]);
  });

  test('is a POST form back to /oauth/authorize carrying the original parameters', async () => {
    const { form } = await consentForm();
    expect(form).toMatchObject({ method: 'post', action: '/oauth/authorize' });
    expect(form.hidden).toEqual({
      client_id: APP_ID,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'instagram_business_basic,instagram_business_manage_insights',
      state: 'csrf-123',
    });
  });

  test('Allow redirects to the redirect URI with the code, the state and a trailing #_', async () => {
    const { form } = await consentForm();
    const allowed = await postForm(`${emulator.origin}${form.action}`, submission(form, 'allow'));
    expect(allowed.status).toBe(302);
    expect(allowed.location).toMatch(
      /^https:\/\/app\.example\/auth\/instagram\/callback\?code=AQ[\w-]+&state=csrf-123#_$/,
    );
  });

  test('the chosen account is the one the code (and its token) belongs to', async () => {
    const { form } = await consentForm();
    const allowed = await postForm(
      `${emulator.origin}${form.action}`,
      submission(form, 'allow', '17841400000000002'),
    );
    const token = await exchangeCode(emulator, redirectParams(allowed.location).code ?? '');
    expect(token.text).toContain('"user_id":17841400000000002');
  });

  test('a permission turned off on the consent page is left out of the token; the basic one cannot be', async () => {
    const scope =
      'instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights';
    const { page, form } = await consentForm({ scope });
    expect(
      [...page.text.matchAll(/name="decline" id="[^"]+" value="([^"]+)"/g)].map((m) => m[1]),
    ).toEqual(['instagram_business_content_publish', 'instagram_business_manage_insights']);
    const allowed = await postForm(`${emulator.origin}${form.action}`, {
      ...submission(form, 'allow'),
      decline: 'instagram_business_content_publish',
    });
    const token = await exchangeCode(emulator, redirectParams(allowed.location).code ?? '');
    expect(JSON.parse(token.text).permissions).toEqual([
      'instagram_business_basic',
      'instagram_business_manage_insights',
    ]);
    const basic = await postForm(`${emulator.origin}${form.action}`, {
      ...submission(form, 'allow'),
      decline: 'instagram_business_basic',
    });
    const kept = await exchangeCode(emulator, redirectParams(basic.location).code ?? '');
    expect(JSON.parse(kept.text).permissions).toContain('instagram_business_basic');
  });

  test('emulator_account preselects an account by username', async () => {
    const { form } = await consentForm({ emulator_account: 'othervenue' });
    expect(form.accounts.filter((a) => a.checked).map((a) => a.value)).toEqual([
      '17841400000000002',
    ]);
    const unknown = await get(authorizeUrl(emulator, { emulator_account: 'nobody' }));
    expect(unknown.status).toBe(400);
  });

  test('Deny redirects with access_denied, user_denied, the description and the state', async () => {
    const { form } = await consentForm();
    const denied = await postForm(`${emulator.origin}${form.action}`, submission(form, 'deny'));
    expect(denied.status).toBe(302);
    expect(denied.location).toBe(
      `${REDIRECT_URI}?error=access_denied&error_reason=user_denied&error_description=The+user+denied+your+request&state=csrf-123`,
    );
  });

  test('works under a version prefix, and the form posts back under it', async () => {
    const { form } = await consentForm({}, '/v26.0');
    expect(form.action).toBe('/v26.0/oauth/authorize');
    const allowed = await postForm(`${emulator.origin}${form.action}`, submission(form, 'allow'));
    expect(redirectParams(allowed.location).code).toMatch(/^AQ/);
  });

  test('escapes what it echoes: a hostile state round-trips intact', async () => {
    const state = '"><script>alert(1)</script>&x=1';
    const { page, form } = await consentForm({ state });
    expect(page.text).not.toContain('<script>alert');
    expect(form.hidden.state).toBe(state);
    const allowed = await postForm(`${emulator.origin}${form.action}`, submission(form, 'allow'));
    expect(redirectParams(allowed.location).state).toBe(state);
  });

  test('the POST checks the carried parameters again', async () => {
    const { form } = await consentForm();
    const tampered = await postForm(`${emulator.origin}${form.action}`, {
      ...submission(form, 'allow'),
      redirect_uri: 'javascript:alert(1)',
    });
    expect(tampered.status).toBe(400);
    expect(tampered.location).toBeUndefined();
    const noChoice = await postForm(`${emulator.origin}${form.action}`, {
      ...submission(form, 'allow'),
      account: '',
    });
    expect(noChoice.status).toBe(400);
  });
});

describe('auto-consent (emulator_auto)', () => {
  test('allow answers the code redirect without a page; state is left out when none was given', async () => {
    const allowed = await get(authorizeUrl(emulator, { emulator_auto: 'allow', state: null }));
    expect(allowed.status).toBe(302);
    expect(allowed.location).toMatch(
      /^https:\/\/app\.example\/auth\/instagram\/callback\?code=AQ[\w-]+#_$/,
    );
  });

  test('deny answers the access_denied redirect', async () => {
    const denied = await get(authorizeUrl(emulator, { emulator_auto: 'deny' }));
    expect(redirectParams(denied.location)).toEqual({
      error: 'access_denied',
      error_reason: 'user_denied',
      error_description: 'The user denied your request',
      state: 'csrf-123',
    });
  });
});

describe('authorize parameter checks', () => {
  test('an unknown or missing client_id is a 400 error page, never a redirect', async () => {
    for (const clientId of ['123456789', null]) {
      const answer = await get(
        authorizeUrl(emulator, { client_id: clientId, emulator_auto: 'allow' }),
      );
      expect(answer.status).toBe(400);
      expect(answer.location).toBeUndefined();
      expect(answer.text).toContain('Request parameters are invalid: Invalid platform app');
    }
  });

  test('a redirect URI that is missing, not http(s) or has a fragment is a 400 error page', async () => {
    for (const uri of [
      null,
      'javascript:alert(1)',
      'ftp://app.example/cb',
      'https://app.example/cb#frag',
      'not a url',
    ]) {
      const answer = await get(
        authorizeUrl(emulator, { redirect_uri: uri, emulator_auto: 'allow' }),
      );
      expect(answer.status, String(uri)).toBe(400);
      expect(answer.location).toBeUndefined();
      expect(answer.text).toContain('Request parameters are invalid: Invalid redirect_uri');
    }
  });

  test('an app listing redirect URIs accepts only those, exactly', async () => {
    const seed: Seed = {
      ...seedWithImages(1),
      apps: [
        {
          appId: '990000000000009',
          appSecret: 's',
          name: 'Listed App',
          redirectUris: ['https://listed.example/cb'],
        },
      ],
    };
    const listed = await startEmulator({ seed });
    try {
      const url = (uri: string) =>
        authorizeUrl(listed, { client_id: '990000000000009', redirect_uri: uri });
      expect((await get(url('https://listed.example/cb'))).text).toContain(
        'Allow Listed App to access your Instagram account?',
      );
      for (const uri of [
        'https://listed.example/cb/',
        'https://listed.example/other',
        REDIRECT_URI,
      ]) {
        expect((await get(url(uri))).status, uri).toBe(400);
      }
    } finally {
      await listed.close();
    }
  });

  test('an unknown scope redirects back with error=invalid_scope naming it', async () => {
    const answer = await get(
      authorizeUrl(emulator, { scope: 'instagram_business_basic,user_media,instagram_basic' }),
    );
    expect(answer.status).toBe(302);
    expect(redirectParams(answer.location)).toEqual({
      error: 'invalid_scope',
      error_description: 'Invalid scope field(s): user_media,instagram_basic',
      state: 'csrf-123',
    });
  });

  test('instagram_business_basic is required', async () => {
    for (const scope of [null, '', 'instagram_business_content_publish']) {
      const answer = await get(authorizeUrl(emulator, { scope }));
      expect(redirectParams(answer.location)).toMatchObject({
        error: 'invalid_scope',
        error_description: 'Invalid scope field(s): instagram_business_basic is required',
      });
    }
  });

  test('scopes may be space-separated', async () => {
    const { form } = await consentForm({
      scope: 'instagram_business_basic instagram_business_content_publish',
    });
    const allowed = await postForm(`${emulator.origin}${form.action}`, submission(form, 'allow'));
    const token = await exchangeCode(emulator, redirectParams(allowed.location).code ?? '');
    expect(JSON.parse(token.text).permissions).toEqual([
      'instagram_business_basic',
      'instagram_business_content_publish',
    ]);
  });

  test('a response_type other than code redirects back with unsupported_response_type', async () => {
    const answer = await get(authorizeUrl(emulator, { response_type: 'token' }));
    expect(redirectParams(answer.location)).toMatchObject({
      error: 'unsupported_response_type',
      state: 'csrf-123',
    });
  });
});
