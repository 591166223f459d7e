import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph } from '../helpers.ts';
import { authorizationCode, exchangeCode, postForm, TOKEN_SHAPE } from './oauth-helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

const NOT_FOUND = 'Matching code was not found or was already used';

function expectOAuthError(answer: { status: number; text: string }, message: string) {
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.text)).toEqual({
    error_type: 'OAuthException',
    code: 400,
    error_message: message,
  });
}

describe('code → short-lived token (POST /oauth/access_token)', () => {
  test('answers the observed shape by default, user_id a bare number with all 17 digits', async () => {
    const answer = await exchangeCode(emulator, await authorizationCode(emulator));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.text).toMatch(
      /^\{"access_token":"IGAA[A-Za-z0-9]{150}","user_id":17841400000000001,"permissions":\[/,
    );
    expect(answer.text).toContain('"user_id":17841400000000001,');
    const body = JSON.parse(answer.text);
    expect(body.access_token).toMatch(TOKEN_SHAPE);
    expect(body.permissions).toEqual([
      'instagram_business_basic',
      'instagram_business_manage_insights',
    ]);
  });

  test('answers the doc shape once switched in-process or over HTTP', async () => {
    emulator.control.setOAuthResponseShape('doc');
    const inProcess = await exchangeCode(emulator, await authorizationCode(emulator));
    const [entry] = JSON.parse(inProcess.text).data;
    expect(entry).toEqual({
      access_token: expect.stringMatching(TOKEN_SHAPE),
      user_id: '17841400000000001',
      permissions: 'instagram_business_basic,instagram_business_manage_insights',
    });
    expect(inProcess.text).toContain('"user_id":"17841400000000001"');

    emulator.control.reset();
    const switched = await request(`${emulator.origin}/__control/oauth`, {
      method: 'POST',
      body: JSON.stringify({ responseShape: 'doc' }),
    });
    expect(await switched.body.json()).toEqual({ responseShape: 'doc' });
    const overHttp = await exchangeCode(emulator, await authorizationCode(emulator));
    expect(JSON.parse(overHttp.text).data).toHaveLength(1);
  });

  test('takes multipart/form-data bodies too', async () => {
    const answer = await exchangeCode(emulator, await authorizationCode(emulator), {}, 'multipart');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).access_token).toMatch(TOKEN_SHAPE);
  });

  test('the token is short-lived: it reads the chosen account now and expires after an hour', async () => {
    const code = await authorizationCode(emulator, { emulator_account: 'othervenue' });
    const token = JSON.parse((await exchangeCode(emulator, code)).text).access_token;
    const me = await getGraph(emulator, '/me', { access_token: token, fields: 'username' });
    expect(me.body.username).toBe('othervenue');
    emulator.control.advanceClock(3601);
    expect((await getGraph(emulator, '/me', { access_token: token })).body.error).toMatchObject({
      code: 190,
      error_subcode: 463,
    });
  });

  test('a code is single use', async () => {
    const code = await authorizationCode(emulator);
    expect((await exchangeCode(emulator, code)).status).toBe(200);
    expectOAuthError(await exchangeCode(emulator, code), NOT_FOUND);
  });

  test('a code lives one hour on the emulator clock', async () => {
    const fresh = await authorizationCode(emulator);
    const stale = await authorizationCode(emulator);
    emulator.control.advanceClock(59 * 60);
    expect((await exchangeCode(emulator, fresh)).status).toBe(200);
    emulator.control.advanceClock(61);
    expectOAuthError(await exchangeCode(emulator, stale), NOT_FOUND);
  });

  test('an unknown code, or one with Instagram’s #_ left on, is handled', async () => {
    expectOAuthError(await exchangeCode(emulator, 'AQnot-a-code'), NOT_FOUND);
    expect((await exchangeCode(emulator, `${await authorizationCode(emulator)}#_`)).status).toBe(
      200,
    );
  });

  test('the redirect_uri must equal the one used at authorize; the code survives the mistake', async () => {
    const code = await authorizationCode(emulator);
    expectOAuthError(
      await exchangeCode(emulator, code, {
        redirect_uri: 'https://app.example/auth/instagram/callback/',
      }),
      'Invalid redirect_uri',
    );
    expect((await exchangeCode(emulator, code)).status).toBe(200);
  });

  test('a wrong client_secret or unknown client_id is an invalid platform app', async () => {
    const code = await authorizationCode(emulator);
    expectOAuthError(
      await exchangeCode(emulator, code, { client_secret: 'wrong' }),
      'Invalid platform app',
    );
    expectOAuthError(
      await exchangeCode(emulator, code, { client_id: '123456789' }),
      'Invalid platform app',
    );
  });

  test('a wrong grant_type or a missing field is named', async () => {
    const code = await authorizationCode(emulator);
    expectOAuthError(
      await exchangeCode(emulator, code, { grant_type: 'client_credentials' }),
      'Invalid grant_type',
    );
    expectOAuthError(
      await postForm(`${emulator.origin}/oauth/access_token`, {}),
      'You must provide a client_id',
    );
    expectOAuthError(await exchangeCode(emulator, code, { code: '' }), 'You must provide a code');
  });
});
