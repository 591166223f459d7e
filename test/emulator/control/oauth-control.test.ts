import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  ControlInputError,
  FaultSpecError,
  ROUTE_KEYS,
  startEmulator,
  type RunningEmulator,
} from '../../../integration/emulator/index.ts';
import { getGraph, getJson, type ControlBody } from '../helpers.ts';
import {
  authorizationCode,
  authorizeUrl,
  exchangeCode,
  exchangeUrl,
  get,
  postForm,
  refreshUrl,
  TOKEN_SHAPE,
} from '../oauth/oauth-helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

const OAUTH_ROUTES = [
  'GET /oauth/authorize',
  'POST /oauth/authorize',
  'POST /oauth/access_token',
  'GET /access_token',
  'GET /refresh_access_token',
];

async function control(method: string, path: string, body?: unknown) {
  const answer = await request(`${emulator.origin}/__control${path}`, {
    method: method as 'POST',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: answer.statusCode, body: (await answer.body.json()) as ControlBody };
}

const profile = (token: string) =>
  getGraph(emulator, '/me', { access_token: token, fields: 'username' });

describe('issuing and revoking tokens from tests', () => {
  test('issueToken makes a token for the first account, or the one named, that reads like any other', async () => {
    const token = emulator.control.issueToken({ kind: 'long' });
    expect(token).toMatch(TOKEN_SHAPE);
    expect((await profile(token)).body.username).toBe('northlight.events');
    const other = emulator.control.issueToken({ kind: 'short', username: 'othervenue' });
    expect((await profile(other)).body.username).toBe('othervenue');
  });

  test('issued tokens expire on the emulator clock: 1 hour (short), 60 days (long), or as given', async () => {
    const short = emulator.control.issueToken({ kind: 'short' });
    const long = emulator.control.issueToken({
      kind: 'long',
      issuedAt: new Date(emulator.control.now() - 59 * 86400_000),
    });
    const custom = emulator.control.issueToken({
      kind: 'long',
      expiresAt: new Date(emulator.control.now() + 60_000).toISOString(),
    });
    emulator.control.advanceClock(3601);
    expect((await profile(short)).body.error.error_subcode).toBe(463);
    expect((await profile(custom)).body.error.error_subcode).toBe(463);
    expect((await profile(long)).status).toBe(200);
    emulator.control.advanceClock(86400);
    expect((await profile(long)).body.error.error_subcode).toBe(463);
  });

  test('revokeToken makes a token answer 190/460 or 190/467', async () => {
    const changed = emulator.control.issueToken({ kind: 'long' });
    emulator.control.revokeToken(changed, 'password_changed');
    expect((await profile(changed)).body.error).toMatchObject({ code: 190, error_subcode: 460 });
    emulator.control.revokeToken(emulator.demoToken, 'invalid');
    expect((await profile(emulator.demoToken)).body.error).toMatchObject({
      code: 190,
      error_subcode: 467,
    });
  });

  test('reset forgets issued tokens and undoes revocations', async () => {
    const issued = emulator.control.issueToken({ kind: 'long' });
    emulator.control.revokeToken(emulator.demoToken, 'invalid');
    emulator.control.setOAuthResponseShape('doc');
    emulator.control.reset();
    expect((await profile(issued)).body.error.message).toBe(
      'Invalid OAuth access token - Cannot parse access token',
    );
    expect((await profile(emulator.demoToken)).status).toBe(200);
    expect((await profile('revoked-token')).body.error.error_subcode).toBe(460);
    expect(emulator.control.oauthResponseShape()).toBe('observed');
  });

  test('bad input throws ControlInputError naming the problem', () => {
    expect(() => emulator.control.issueToken({ kind: 'forever' as never })).toThrow(
      ControlInputError,
    );
    expect(() => emulator.control.issueToken({ kind: 'long', username: 'nobody' })).toThrow(
      /unknown username "nobody"; known: northlight\.events, othervenue/,
    );
    expect(() => emulator.control.issueToken({ kind: 'long', issuedAt: 'yesterday' })).toThrow(
      /issuedAt/,
    );
    expect(() =>
      emulator.control.issueToken({ kind: 'long', scopes: ['user_media' as never] }),
    ).toThrow(/scopes/);
    expect(() => emulator.control.revokeToken('nope', 'invalid')).toThrow(/unknown token/);
    expect(() => emulator.control.setOAuthResponseShape('json' as never)).toThrow(
      ControlInputError,
    );
  });
});

describe('OAuth control over HTTP', () => {
  test('POST /__control/tokens issues, POST /__control/tokens/revoke revokes', async () => {
    const issued = await control('POST', '/tokens', {
      kind: 'long',
      username: 'othervenue',
      issuedAt: '2026-01-01T00:00:00Z',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    expect(issued.status).toBe(201);
    expect(issued.body.token).toMatch(TOKEN_SHAPE);
    expect((await profile(issued.body.token)).body.username).toBe('othervenue');
    expect(
      await control('POST', '/tokens/revoke', {
        token: issued.body.token,
        reason: 'password_changed',
      }),
    ).toEqual({ status: 200, body: { revoked: true } });
    expect((await profile(issued.body.token)).body.error.error_subcode).toBe(460);
  });

  test('GET and POST /__control/oauth read and set the response shape; bad input is a 400', async () => {
    expect((await control('GET', '/oauth')).body).toEqual({ responseShape: 'observed' });
    expect((await control('POST', '/oauth', { responseShape: 'doc' })).body).toEqual({
      responseShape: 'doc',
    });
    expect(emulator.control.oauthResponseShape()).toBe('doc');
    expect((await control('POST', '/oauth', { responseShape: 'xml' })).status).toBe(400);
    expect((await control('POST', '/tokens', { kind: 'long', username: 'nobody' })).status).toBe(
      400,
    );
    expect(
      (await control('POST', '/tokens/revoke', { token: 'nope', reason: 'invalid' })).status,
    ).toBe(400);
  });
});

describe('counters and faults on the OAuth routes', () => {
  test('ROUTE_KEYS lists the five OAuth routes', () => {
    expect(ROUTE_KEYS).toEqual(expect.arrayContaining(OAUTH_ROUTES));
  });

  test('each OAuth route is counted under its key', async () => {
    await get(authorizeUrl(emulator));
    await postForm(`${emulator.origin}/oauth/authorize`, {});
    const short = JSON.parse(
      (await exchangeCode(emulator, await authorizationCode(emulator))).text,
    ).access_token;
    await getJson(exchangeUrl(emulator, short));
    await getJson(refreshUrl(emulator, emulator.demoToken));
    expect(emulator.control.counts()).toEqual({
      total: 6,
      byRoute: {
        'GET /oauth/authorize': 2,
        'POST /oauth/authorize': 1,
        'POST /oauth/access_token': 1,
        'GET /access_token': 1,
        'GET /refresh_access_token': 1,
      },
    });
  });

  test('a 500 on GET /refresh_access_token answers Graph’s transient error once', async () => {
    emulator.control.addFault({ route: 'GET /refresh_access_token', status: 500 });
    const token = emulator.control.issueToken({
      kind: 'long',
      issuedAt: emulator.control.now() - 2 * 86400_000,
    });
    const failed = await getJson(refreshUrl(emulator, token));
    expect(failed.status).toBe(500);
    expect(failed.body.error).toMatchObject({ code: 2, is_transient: true });
    expect((await getJson(refreshUrl(emulator, token))).status).toBe(200);
  });

  test('an error fault on GET /access_token answers that Graph error', async () => {
    emulator.control.addFault({ route: 'GET /access_token', error: { code: 190, subcode: 460 } });
    const answer = await getJson(
      exchangeUrl(emulator, emulator.control.issueToken({ kind: 'short' })),
    );
    expect(answer.body.error).toMatchObject({ code: 190, error_subcode: 460 });
  });

  test('faults on the code exchange keep its own error shape', async () => {
    emulator.control.addFault({ route: 'POST /oauth/access_token', status: 503 });
    emulator.control.addFault({
      route: 'POST /oauth/access_token',
      error: { code: 400, message: 'Invalid scope field(s): ' },
    });
    const code = await authorizationCode(emulator);
    const unavailable = await exchangeCode(emulator, code);
    expect(unavailable.status).toBe(503);
    expect(JSON.parse(unavailable.text)).toMatchObject({ error_type: 'OAuthException', code: 503 });
    const named = await exchangeCode(emulator, code);
    expect(JSON.parse(named.text)).toEqual({
      error_type: 'OAuthException',
      code: 400,
      error_message: 'Invalid scope field(s): ',
    });
    expect((await exchangeCode(emulator, code)).status).toBe(200);
  });

  test('faults on the authorize window answer an HTML error page', async () => {
    emulator.control.addFault({ route: 'GET /oauth/authorize', status: 503 });
    const answer = await get(authorizeUrl(emulator, { emulator_auto: 'allow' }));
    expect(answer.status).toBe(503);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.location).toBeUndefined();
  });

  test('an unknown fault route still lists every key, OAuth ones included', () => {
    expect(() => emulator.control.addFault({ route: 'GET /oauth/nope' })).toThrow(FaultSpecError);
    expect(() => emulator.control.addFault({ route: 'GET /oauth/nope' })).toThrow(
      'POST /oauth/access_token',
    );
  });
});
