import { afterEach, describe, expect, it } from 'vitest';
import { GraphError } from '../../integration/graph/index.ts';
import { backoffMs } from '../../integration/graph/retry.ts';
import { bucUsage, graphError, mockGraph, rejectionOf } from './mock-graph.ts';

let graph: ReturnType<typeof mockGraph>;
afterEach(() => graph.close());

const serverError = {
  status: 500,
  body: graphError(2, 'An unexpected error has occurred. Please retry your request later.', {
    is_transient: true,
  }),
};
const ok = { body: { id: '17841405822304914' } };

describe('transient failures', () => {
  it('retries a 500 with doubling, jittered backoff, then succeeds', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', serverError, serverError, ok);
    await expect(graph.client.get('/me')).resolves.toEqual(ok.body);
    expect(graph.client.requestCount).toBe(3);
    // random() = 0.5: half of 500 ms, then half of 1000 ms.
    expect(graph.sleeps).toEqual([250, 500]);
    expect(graph.logs.info).toHaveLength(2);
    expect(graph.logs.info[0]).toMatch(
      /Retrying in 250 ms \(1\/4\) after transient error: GET \/v26.0\/me: An unexpected error/,
    );
  });

  it('gives up after maxRetries with the last transient error', async () => {
    graph = mockGraph({ maxRetries: 2 });
    graph.reply('/v26.0/me', serverError, serverError, serverError, ok);
    const error = await rejectionOf(graph.client.get('/me'));
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ category: 'transient', code: 2, status: 500, isTransient: true });
    expect(graph.client.requestCount).toBe(3);
    expect(graph.sleeps).toEqual([250, 500]);
  });

  it('treats a timeout as transient and retries it', async () => {
    graph = mockGraph({ timeoutMs: 500 });
    graph.reply('/v26.0/me', { ...ok, delayMs: 2_000 }, ok);
    await expect(graph.client.get('/me')).resolves.toEqual(ok.body);
    expect(graph.client.requestCount).toBe(2);
    expect(graph.logs.info[0]).toMatch(/transient error: GET \/v26.0\/me: timed out after 500 ms/);
  });

  it('reports a timeout that never clears as a transient GraphError', async () => {
    graph = mockGraph({ timeoutMs: 20, maxRetries: 1 });
    graph.reply('/v26.0/me', { ...ok, delayMs: 2_000 }, { ...ok, delayMs: 2_000 });
    const error = await rejectionOf(graph.client.get('/me'));
    expect(error).toMatchObject({ category: 'transient', isTransient: true, path: '/v26.0/me' });
    expect(error.message).toBe('GET /v26.0/me: timed out after 20 ms');
  });

  it('treats a network error as transient and retries it', async () => {
    graph = mockGraph();
    graph.pool
      .intercept({ path: '/v26.0/me', method: 'GET' })
      .replyWithError(new Error('socket hang up'));
    graph.reply('/v26.0/me', ok);
    await expect(graph.client.get('/me')).resolves.toEqual(ok.body);
    expect(graph.client.requestCount).toBe(2);
    expect(graph.logs.info[0]).toMatch(/network error: socket hang up/);
  });

  it.each([
    ['a truncated JSON body with 200', 200, '{"data":[{"id":"1"'],
    ['an empty body with 200', 200, ''],
    ['an HTML page with 502', 502, '<html><body>Bad Gateway</body></html>'],
    ['plain text with 503', 503, 'upstream connect error'],
  ])('treats %s as transient and retries', async (_name, status, body) => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { status, body }, ok);
    await expect(graph.client.get('/me')).resolves.toEqual(ok.body);
    expect(graph.client.requestCount).toBe(2);
  });

  it('describes a malformed body in the error', async () => {
    graph = mockGraph({ maxRetries: 0 });
    graph.reply('/v26.0/me', { status: 502, body: '<html>\n<body>Bad Gateway</body></html>' });
    const error = await rejectionOf(graph.client.get('/me'));
    expect(error).toMatchObject({ category: 'transient', status: 502 });
    expect(error.message).toBe(
      'GET /v26.0/me: HTTP 502 with a body that is not JSON ("<html> <body>Bad Gateway</body></html>")',
    );
  });

  it('does not retry a 404 HTML page', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { status: 404, body: '<html>Not Found</html>' });
    const error = await rejectionOf(graph.client.get('/me'));
    expect(error).toMatchObject({ category: 'bad_request', status: 404 });
    expect(graph.client.requestCount).toBe(1);
  });
});

describe('errors that retrying cannot fix', () => {
  it('does not retry an invalid token (190) and keeps every envelope field', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', {
      status: 400,
      body: graphError(190, 'Error validating access token: Session has expired on Tuesday.', {
        error_subcode: 463,
        error_user_msg: 'Please log in again.',
        fbtrace_id: 'Fz54k3GZrio',
      }),
    });
    const error = await rejectionOf(graph.client.get('/me', { fields: 'user_id' }));
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({
      name: 'GraphError',
      category: 'auth',
      code: 190,
      subcode: 463,
      status: 400,
      type: 'OAuthException',
      fbtraceId: 'Fz54k3GZrio',
      isTransient: false,
      userMessage: 'Please log in again.',
      path: '/v26.0/me?fields=user_id',
      message: 'GET /v26.0/me: Error validating access token: Session has expired on Tuesday.',
    });
    expect(error.retryAfterMs).toBeUndefined();
    expect(graph.client.requestCount).toBe(1);
    expect(graph.sleeps).toEqual([]);
    expect(graph.logs.info).toEqual([]);
  });

  it('does not retry an invalid parameter (100)', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me/media', {
      status: 400,
      body: graphError(100, '(#100) Tried accessing nonexisting field (foo)'),
    });
    const error = await rejectionOf(graph.client.get('/me/media', { fields: 'foo' }));
    expect(error).toMatchObject({ category: 'bad_request', code: 100 });
    expect(graph.client.requestCount).toBe(1);
  });

  it('does not retry a permission error (200 with HTTP 403)', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me/insights', {
      status: 403,
      body: graphError(200, '(#200) Requires instagram_business_manage_insights'),
    });
    await expect(graph.client.get('/me/insights')).rejects.toMatchObject({
      category: 'permission',
    });
    expect(graph.client.requestCount).toBe(1);
  });

  it('does not retry a media error', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/1/media_publish', {
      status: 400,
      body: graphError(9007, 'Media ID is not available', { error_subcode: 2207027 }),
    });
    await expect(graph.client.get('/1/media_publish')).rejects.toMatchObject({
      category: 'media',
      subcode: 2207027,
    });
    expect(graph.client.requestCount).toBe(1);
  });

  it("uses the message of Instagram's OAuth error shape", async () => {
    graph = mockGraph();
    graph.reply('/v26.0/oauth', {
      status: 400,
      body: {
        error_type: 'OAuthException',
        code: 400,
        error_message: 'Matching code was not found or was already used',
      },
    });
    const error = await rejectionOf(graph.client.get('/oauth'));
    expect(error).toMatchObject({
      category: 'bad_request',
      status: 400,
      message: 'GET /v26.0/oauth: Matching code was not found or was already used',
    });
  });

  it('treats an error envelope in a 200 response as an error', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { status: 200, body: graphError(100, '(#100) bad') });
    await expect(graph.client.get('/me')).rejects.toMatchObject({
      category: 'bad_request',
      status: 200,
    });
  });
});

describe('rate limits', () => {
  const throttled = (regainMinutes: number) => ({
    status: 400,
    body: graphError(
      80002,
      '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again.',
    ),
    headers: bucUsage(100, regainMinutes),
  });

  it('waits estimated_time_to_regain_access from the BUC header, then retries (80002)', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me/media', throttled(2), { body: { data: [] }, headers: bucUsage(10) });
    await expect(graph.client.get('/me/media')).resolves.toEqual({ data: [] });
    expect(graph.sleeps).toEqual([120_000]);
    expect(graph.client.requestCount).toBe(2);
    expect(graph.logs.info[0]).toMatch(
      /Retrying in 120000 ms .* after rate_limit error: GET \/v26.0\/me\/media: \(#80002\)/,
    );
  });

  it('gives up with a rate_limit GraphError when the regain time exceeds maxWaitMs', async () => {
    graph = mockGraph({ maxWaitMs: 60_000 });
    graph.reply('/v26.0/me/media', throttled(5), { body: { data: [] } });
    const error = await rejectionOf(graph.client.get('/me/media'));
    expect(error).toMatchObject({
      category: 'rate_limit',
      code: 80002,
      retryAfterMs: 300_000,
      isTransient: true,
    });
    expect(graph.sleeps).toEqual([]);
    expect(graph.client.requestCount).toBe(1);
  });

  it('fails later requests at once while the account is still throttled beyond maxWaitMs', async () => {
    graph = mockGraph({ maxWaitMs: 60_000 });
    graph.reply('/v26.0/me/media', throttled(5), { body: { data: [] } });
    await rejectionOf(graph.client.get('/me/media'));
    const error = await rejectionOf(graph.client.get('/me/media'));
    expect(error).toMatchObject({ category: 'rate_limit', path: '/v26.0/me/media' });
    expect(error.message).toMatch(/rate limited for another 5 min/);
    expect(graph.client.requestCount).toBe(1);
  });

  it('backs off when a throttle comes without a regain time (code 4)', async () => {
    graph = mockGraph();
    graph.reply(
      '/v26.0/me',
      { status: 400, body: graphError(4, '(#4) Application request limit reached') },
      ok,
    );
    await expect(graph.client.get('/me')).resolves.toEqual(ok.body);
    expect(graph.sleeps).toEqual([250]);
  });

  it('gives up on a throttle when retries run out', async () => {
    graph = mockGraph({ maxRetries: 1 });
    graph.reply('/v26.0/me', throttled(1), throttled(1));
    await expect(graph.client.get('/me')).rejects.toMatchObject({
      category: 'rate_limit',
      retryAfterMs: 60_000,
    });
    expect(graph.sleeps).toEqual([60_000]);
    expect(graph.client.requestCount).toBe(2);
  });
});

describe('backoffMs', () => {
  const policy = { retryBaseMs: 500, maxBackoffMs: 30_000 };

  it('doubles the ceiling each retry and caps it', () => {
    const top = { ...policy, random: () => 1 };
    expect([0, 1, 2, 3, 6, 7, 20].map((retry) => backoffMs(retry, top))).toEqual([
      500, 1_000, 2_000, 4_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('draws uniformly below the ceiling (full jitter)', () => {
    expect(backoffMs(2, { ...policy, random: () => 0 })).toBe(0);
    expect(backoffMs(2, { ...policy, random: () => 0.25 })).toBe(500);
  });
});
