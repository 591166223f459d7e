import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { type GraphBody, getGraph, getJson } from '../helpers.ts';
import { exchangeUrl, refreshUrl, shortLivedToken, TOKEN_SHAPE } from './oauth-helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

const HOUR = 3600;
const DAY = 24 * HOUR;
const ago = (seconds: number) => emulator.control.now() - seconds * 1000;
const longToken = (ageSeconds: number) =>
  emulator.control.issueToken({ kind: 'long', issuedAt: ago(ageSeconds) });
const readsMedia = async (token: string) =>
  (await getGraph(emulator, '/me/media', { access_token: token, fields: 'id', limit: 1 }))
    .status === 200;

function expectGraphError(
  answer: { status: number; body: GraphBody },
  code: number,
  message?: string | RegExp,
) {
  expect(answer.status).toBe(400);
  expect(answer.body.error).toMatchObject({ type: 'OAuthException', code });
  if (message) expect(answer.body.error.message).toMatch(message);
}

describe('the whole Instagram Login chain', () => {
  test('code → short-lived → long-lived → refreshed, each token reading media', async () => {
    const short = await shortLivedToken(emulator);
    expect(await readsMedia(short)).toBe(true);

    const exchanged = await getJson(exchangeUrl(emulator, short));
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toEqual({
      access_token: expect.stringMatching(TOKEN_SHAPE),
      token_type: 'bearer',
      expires_in: 5184000,
    });
    const long = exchanged.body.access_token;
    expect(long).not.toBe(short);
    expect(await readsMedia(long)).toBe(true);

    emulator.control.advanceClock(DAY + 60);
    expect(await readsMedia(short)).toBe(false);
    const refreshed = await getJson(refreshUrl(emulator, long));
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({
      access_token: expect.stringMatching(TOKEN_SHAPE),
      token_type: 'bearer',
      expires_in: 5184000,
    });
    expect(refreshed.body.access_token).not.toBe(long);
    expect(await readsMedia(refreshed.body.access_token)).toBe(true);
    expect(await readsMedia(long)).toBe(true);
  });

  test('the token routes answer under a version prefix too, with Graph’s headers', async () => {
    const short = await shortLivedToken(emulator);
    const answer = await getJson(
      exchangeUrl(emulator, short).replace('/access_token', '/v26.0/access_token'),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['facebook-api-version']).toBe('v26.0');
  });
});

describe('short → long-lived (GET /access_token, ig_exchange_token)', () => {
  test('an expired short-lived token is 190/463', async () => {
    const short = await shortLivedToken(emulator);
    emulator.control.advanceClock(HOUR + 1);
    const answer = await getJson(exchangeUrl(emulator, short));
    expectGraphError(
      answer,
      190,
      /^Error validating access token: Session has expired on .* The current time is .*\.$/,
    );
    expect(answer.body.error.error_subcode).toBe(463);
  });

  test('a wrong client_secret is 101, a missing one 100', async () => {
    const short = await shortLivedToken(emulator);
    expectGraphError(
      await getJson(exchangeUrl(emulator, short, { client_secret: 'wrong' })),
      101,
      /^Error validating client secret\.$/,
    );
    const url = exchangeUrl(emulator, short).replace(/client_secret=[^&]+&/, '');
    expectGraphError(await getJson(url), 100, '(#100) The parameter client_secret is required');
  });

  test('a long-lived token is refused with 100', async () => {
    expectGraphError(
      await getJson(exchangeUrl(emulator, emulator.demoToken)),
      100,
      /already long-lived/,
    );
  });

  test('a wrong grant_type is 100; an unknown token 190', async () => {
    const short = await shortLivedToken(emulator);
    expectGraphError(
      await getJson(exchangeUrl(emulator, short, { grant_type: 'ig_refresh_token' })),
      100,
      /grant_type parameter must be ig_exchange_token/,
    );
    expectGraphError(
      await getJson(exchangeUrl(emulator, 'IGAAnope')),
      190,
      'Invalid OAuth access token - Cannot parse access token',
    );
  });

  test('a control-issued short-lived token takes the seeded app’s secret', async () => {
    const short = emulator.control.issueToken({ kind: 'short', username: 'othervenue' });
    const long = (await getJson(exchangeUrl(emulator, short))).body.access_token;
    expect(
      (await getGraph(emulator, '/me', { access_token: long, fields: 'username' })).body.username,
    ).toBe('othervenue');
  });
});

describe('refresh (GET /refresh_access_token, ig_refresh_token)', () => {
  test('a token 30 days old gets a new one valid 60 days from now; the old one keeps its own expiry', async () => {
    const old = longToken(30 * DAY);
    const refreshed = (await getJson(refreshUrl(emulator, old))).body.access_token;
    emulator.control.advanceClock(30 * DAY + 60);
    expect(await readsMedia(old)).toBe(false);
    emulator.control.advanceClock(29 * DAY);
    expect(await readsMedia(refreshed)).toBe(true);
    emulator.control.advanceClock(DAY);
    expect(await readsMedia(refreshed)).toBe(false);
  });

  test('a token younger than 24 hours is refused with 100', async () => {
    const answer = await getJson(refreshUrl(emulator, longToken(2 * HOUR)));
    expectGraphError(
      answer,
      100,
      '(#100) The access token can only be refreshed 24 hours after it was issued.',
    );
    expect((await getJson(refreshUrl(emulator, longToken(DAY)))).status).toBe(200);
  });

  test('an expired token is 190/463', async () => {
    const answer = await getJson(refreshUrl(emulator, 'expired-token'));
    expectGraphError(answer, 190, /Session has expired/);
    expect(answer.body.error.error_subcode).toBe(463);
  });

  test('a revoked token is 190/460 or 190/467, as seeded or as revoked', async () => {
    expect((await getJson(refreshUrl(emulator, 'revoked-token'))).body.error.error_subcode).toBe(
      460,
    );
    expect((await getJson(refreshUrl(emulator, 'logged-out-token'))).body.error.error_subcode).toBe(
      467,
    );
    const token = longToken(10 * DAY);
    emulator.control.revokeToken(token, 'invalid');
    expect((await getJson(refreshUrl(emulator, token))).body.error.error_subcode).toBe(467);
  });

  test('a short-lived token is refused with 100', async () => {
    const answer = await getJson(refreshUrl(emulator, await shortLivedToken(emulator)));
    expectGraphError(answer, 100, /short-lived: only long-lived tokens can be refreshed/);
  });

  test('a wrong grant_type is 100', async () => {
    expectGraphError(
      await getJson(refreshUrl(emulator, longToken(2 * DAY), { grant_type: 'ig_exchange_token' })),
      100,
      /ig_refresh_token/,
    );
  });

  test('a token without instagram_business_basic is refused with 10', async () => {
    const token = emulator.control.issueToken({
      kind: 'long',
      issuedAt: ago(2 * DAY),
      scopes: ['instagram_business_content_publish'],
    });
    expectGraphError(
      await getJson(refreshUrl(emulator, token)),
      10,
      '(#10) Application does not have permission for this action',
    );
  });
});
