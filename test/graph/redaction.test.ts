import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../integration/graph/index.ts';
import { BASE_URL, graphError, mockGraph, rejectionOf, TOKEN } from './mock-graph.ts';

const IG_TOKEN = 'IGAA2e0uoy3ZAZABZAb3BlZAk1ZAVnpGRVh2VkRNZA2tTWGpwUE1aY2s';
const OLD_IG_TOKEN = 'IGQVJWa2tmX1FDa2ZAZAT1ZAVRXRmh6bUFyMEo3ZAWJ-aGpR_Ynd4';
const FB_TOKEN = 'EAACEdEose0cBAPZB3ZCv6ZAqZB5ZBZCZBlZAZBZCZA7ZCZBZAZB';

describe('redact', () => {
  it.each([
    [
      'access_token in a URL',
      `https://graph.instagram.com/v26.0/me/media?access_token=abc123&limit=25`,
      'https://graph.instagram.com/v26.0/me/media?access_token=***&limit=25',
    ],
    [
      'access_token as the last parameter',
      `/me?fields=id&access_token=abc123`,
      '/me?fields=id&access_token=***',
    ],
    [
      'client_secret',
      `/access_token?grant_type=ig_exchange_token&client_secret=s3cr3t&x=1`,
      '/access_token?grant_type=ig_exchange_token&client_secret=***&x=1',
    ],
    [
      'an OAuth code',
      `https://example.test/callback?code=AQBx-hBsH3&state=xyz`,
      'https://example.test/callback?code=***&state=xyz',
    ],
    [
      'fb_exchange_token',
      `?grant_type=fb_exchange_token&fb_exchange_token=short1`,
      '?grant_type=fb_exchange_token&fb_exchange_token=***',
    ],
    [
      'input_token',
      `/debug_token?input_token=tok1&access_token=app|secret`,
      '/debug_token?input_token=***&access_token=***',
    ],
    [
      'an URL-encoded URL inside another',
      `next=https%3A%2F%2Fg%2Fme%3Faccess_token%3Dabc%26limit%3D5`,
      'next=https%3A%2F%2Fg%2Fme%3Faccess_token%3D***%26limit%3D5',
    ],
    [
      'a form body',
      `client_id=1&client_secret=abc&code=def&grant_type=authorization_code`,
      'client_id=1&client_secret=***&code=***&grant_type=authorization_code',
    ],
    [
      'JSON members',
      `{"access_token":"abc","token_type":"bearer","expires_in":5184000}`,
      '{"access_token":"***","token_type":"bearer","expires_in":5184000}',
    ],
    ['an Authorization header', `Authorization: Bearer abc.def-ghi`, 'Authorization: Bearer ***'],
    ['an OAuth Authorization header', `authorization: OAuth abc123`, 'authorization: OAuth ***'],
    [
      'a Bearer value in a message',
      `sent Bearer xyz987 to the server`,
      'sent Bearer *** to the server',
    ],
    ['an Instagram token (IGAA)', `token ${IG_TOKEN} expired`, 'token *** expired'],
    ['an old Instagram token (IGQV)', `token ${OLD_IG_TOKEN}.`, 'token ***.'],
    ['a Facebook token (EAA)', `got ${FB_TOKEN}`, 'got ***'],
  ])('removes %s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ['a Graph error code', '(#100) Failed with error code 2207052; error_code=5'],
    ['an OAuth message', 'Invalid OAuth access token - Cannot parse access token'],
    ['short words that start like tokens', 'EAAGLE IGAAME'],
    [
      'an ordinary URL',
      'https://graph.instagram.com/v26.0/me/media?fields=id,caption&limit=25&after=QVFIUmlwbnFs',
    ],
  ])('leaves %s alone', (_name, input) => {
    expect(redact(input)).toBe(input);
  });

  it('removes given secrets wherever they appear, plain or URL-encoded', () => {
    expect(redact('token demo-token and demo%7Ctoken', ['demo-token', 'demo|token'])).toBe(
      'token *** and ***',
    );
  });
});

describe('redaction in the client', () => {
  let graph: ReturnType<typeof mockGraph>;
  afterEach(() => graph.close());

  it('keeps the configured token out of error messages, user messages, paths and logs', async () => {
    graph = mockGraph({ maxRetries: 1 });
    const echo = graphError(190, `Invalid token "${TOKEN}" (Bearer ${TOKEN})`, {
      error_user_msg: `Your token ${TOKEN} expired`,
    });
    graph.reply(
      '/v26.0/me',
      { status: 500, body: `<html>${TOKEN}</html>` },
      { status: 400, body: echo },
    );
    const error = await rejectionOf(graph.client.get('/me', { input_token: TOKEN, fields: 'id' }));
    expect(error.category).toBe('auth');
    for (const text of [error.message, error.path, error.userMessage, ...graph.allLogs()]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(error.message).toBe('GET /v26.0/me: Invalid token "***" (Bearer ***)');
    expect(error.path).toBe('/v26.0/me?input_token=***&fields=id');
    expect(graph.logs.info[0]).toContain(
      'HTTP 500 with a body that is not JSON ("<html>***</html>")',
    );
  });

  it('keeps pattern-shaped tokens out too', async () => {
    graph = mockGraph({ accessToken: IG_TOKEN, maxRetries: 0 });
    graph.reply('/v26.0/me', {
      status: 400,
      body: graphError(190, `Malformed access token ${IG_TOKEN}`),
    });
    const error = await rejectionOf(graph.client.get('/me'));
    expect(error.message).toBe('GET /v26.0/me: Malformed access token ***');
  });

  it('logs requests without the token', async () => {
    graph = mockGraph();
    graph.reply(
      '/v26.0/17841/media',
      {
        body: {
          data: [],
          paging: { next: `${BASE_URL}/17841/media?access_token=${TOKEN}&after=x` },
        },
      },
      { body: { data: [] } },
    );
    for await (const _ of graph.client.paginate('/17841/media')) {
      // drain
    }
    expect(graph.logs.debug.length).toBeGreaterThan(0);
    for (const line of graph.allLogs()) expect(line).not.toContain(TOKEN);
  });
});
