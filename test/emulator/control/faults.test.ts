import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import {
  FaultSpecError,
  startEmulator,
  type RunningEmulator,
} from '../../../integration/emulator/index.ts';
import { graph, getGraph } from '../helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

const MEDIA = 'GET /{ig-user-id}/media';
const mediaList = () =>
  getGraph(emulator, `/${emulator.userId}/media`, { fields: 'id,media_url', limit: 2 });

describe('fault injection', () => {
  test('a 500 fault answers N times, then the route answers normally', async () => {
    emulator.control.addFault({ route: MEDIA, times: 2, status: 500 });
    for (let i = 0; i < 2; i++) {
      const { status, body } = await mediaList();
      expect(status).toBe(500);
      expect(body.error).toMatchObject({
        message: 'An unexpected error has occurred. Please retry your request later.',
        type: 'OAuthException',
        code: 2,
        is_transient: true,
      });
    }
    expect((await mediaList()).status).toBe(200);
  });

  test('an error fault answers that envelope, with the status that fits its code', async () => {
    emulator.control.addFault({
      route: MEDIA,
      error: {
        code: 2,
        subcode: 0,
        message: 'Service temporarily unavailable',
        type: 'OAuthException',
        isTransient: true,
      },
    });
    emulator.control.addFault({
      route: MEDIA,
      error: { code: 200, message: '(#200) Requires instagram_business_basic permission' },
    });
    emulator.control.addFault({
      route: MEDIA,
      error: {
        code: 190,
        subcode: 463,
        message: 'Error validating access token: Session has expired',
      },
    });
    const server = await mediaList();
    expect(server.status).toBe(500);
    expect(server.body.error).toMatchObject({
      code: 2,
      message: 'Service temporarily unavailable',
      is_transient: true,
    });
    expect(server.body.error).not.toHaveProperty('error_subcode');
    const permission = await mediaList();
    expect(permission.status).toBe(403);
    expect(permission.body.error).toMatchObject({ code: 200, type: 'OAuthException' });
    const token = await mediaList();
    expect(token.status).toBe(400);
    expect(token.body.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect(token.headers['www-authenticate']).toContain('invalid_token');
  });

  test('faults match their route only, or every route with "*"', async () => {
    emulator.control.addFault({ route: 'GET /me', status: 503 });
    expect((await mediaList()).status).toBe(200);
    expect((await getGraph(emulator, '/me')).status).toBe(503);
    emulator.control.addFault({ route: '*', status: 500 });
    expect((await mediaList()).status).toBe(500);
  });

  test('times: 0 lasts until the faults are cleared', async () => {
    emulator.control.addFault({ route: MEDIA, times: 0, status: 500 });
    for (let i = 0; i < 5; i++) expect((await mediaList()).status).toBe(500);
    emulator.control.clearFaults();
    expect((await mediaList()).status).toBe(200);
  });

  test('faults are used in insertion order', async () => {
    emulator.control.addFault({ route: MEDIA, status: 500 });
    emulator.control.addFault({ route: '*', status: 429 });
    expect((await mediaList()).status).toBe(500);
    const throttled = await mediaList();
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe(4);
  });

  test('a malformed body answers 200 with invalid JSON', async () => {
    emulator.control.addFault({ route: MEDIA, body: 'malformed' });
    const answer = await request(graph(emulator, `/${emulator.userId}/media`));
    expect(answer.statusCode).toBe(200);
    const text = await answer.body.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  test('an empty body answers 200 with nothing', async () => {
    emulator.control.addFault({ route: MEDIA, body: 'empty' });
    const answer = await request(graph(emulator, `/${emulator.userId}/media`));
    expect(answer.statusCode).toBe(200);
    expect(await answer.body.text()).toBe('');
  });

  test('a truncated body cuts the connection mid-body', async () => {
    emulator.control.addFault({ route: MEDIA, body: 'truncated' });
    const answer = await request(
      graph(emulator, `/${emulator.userId}/media`, { fields: 'id,caption' }),
    );
    expect(answer.statusCode).toBe(200);
    await expect(answer.body.text()).rejects.toThrow();
    expect((await mediaList()).status).toBe(200);
  });

  test('a delay-only fault answers normally, late enough for a client timeout', async () => {
    emulator.control.addFault({ route: MEDIA, delayMs: 300 });
    const started = Date.now();
    const { status } = await mediaList();
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    emulator.control.addFault({ route: MEDIA, delayMs: 2000 });
    await expect(
      request(graph(emulator, `/${emulator.userId}/media`), { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
  });

  test('a headers fault overrides headers of a normal answer, e.g. usage at 95%', async () => {
    const usage = JSON.stringify({
      [emulator.userId]: [
        {
          type: 'instagram',
          call_count: 95,
          total_cputime: 20,
          total_time: 20,
          estimated_time_to_regain_access: 0,
        },
      ],
    });
    emulator.control.addFault({ route: MEDIA, headers: { 'X-Business-Use-Case-Usage': usage } });
    const { status, headers, body } = await mediaList();
    expect(status).toBe(200);
    expect(body.data).toHaveLength(2);
    expect(headers['x-business-use-case-usage']).toBe(usage);
  });

  test('expireCdnUrls answers normally with every CDN link already expired', async () => {
    emulator.control.addFault({ route: MEDIA, expireCdnUrls: true });
    const { body } = await mediaList();
    const url = body.data[0]!.media_url;
    expect(Number.parseInt(new URL(url).searchParams.get('oe') ?? '', 16) * 1000).toBeLessThan(
      emulator.control.now(),
    );
    const cdn = await request(url);
    expect(cdn.statusCode).toBe(403);
    expect(await cdn.body.text()).toBe('URL signature expired');
    const fresh = (await mediaList()).body.data[0]!.media_url;
    expect((await request(fresh)).statusCode).toBe(200);
  });

  test('CDN faults answer plain text, not a Graph envelope', async () => {
    const url = (await mediaList()).body.data[0]!.media_url;
    emulator.control.addFault({ route: 'GET /cdn', status: 503 });
    const answer = await request(url);
    expect(answer.statusCode).toBe(503);
    expect(await answer.body.text()).toBe('Service Unavailable');
  });

  test('dropResponse on a read route or the CDN is a dropped connection: no answer at all', async () => {
    const url = (await mediaList()).body.data[0]!.media_url;
    emulator.control.addFault({ route: MEDIA, dropResponse: true });
    emulator.control.addFault({ route: 'GET /cdn', dropResponse: true });
    await expect(request(graph(emulator, `/${emulator.userId}/media`))).rejects.toThrow(
      /other side closed|socket hang up/i,
    );
    await expect(request(url)).rejects.toThrow(/other side closed|socket hang up/i);
    expect((await mediaList()).status).toBe(200);
    expect((await request(url)).statusCode).toBe(200);
  });

  test('a bad fault spec is rejected with a message naming the key', () => {
    expect(() => emulator.control.addFault({ route: 'GET /nope' })).toThrow(FaultSpecError);
    expect(() => emulator.control.addFault({ route: MEDIA, body: 'garbled' as never })).toThrow(
      /fault\.body/,
    );
    expect(() =>
      emulator.control.addFault({ route: MEDIA, error: { code: 'x' as never } }),
    ).toThrow(/fault\.error\.code/);
  });
});

describe('request counters', () => {
  test('count every request by route key, faulted ones included', async () => {
    emulator.control.addFault({ route: MEDIA, status: 500 });
    await mediaList();
    const { body } = await mediaList();
    await request(body.data[0]!.media_url).then((a) => a.body.dump());
    await getGraph(emulator, '/me');
    await getGraph(emulator, '/me/media');
    await getGraph(emulator, `/${emulator.userId}`);
    await getGraph(emulator, `/${body.data[0]!.id}`);
    await getGraph(emulator, `/${body.data[0]!.id}/children`);
    await getGraph(emulator, '/me/tags');
    expect(emulator.control.counts()).toEqual({
      total: 9,
      byRoute: {
        'GET /{ig-user-id}/media': 2,
        'GET /cdn': 1,
        'GET /me': 1,
        'GET /me/media': 1,
        'GET /{ig-user-id}': 1,
        'GET /{media-id}': 1,
        'GET /{media-id}/children': 1,
        'GET /unknown': 1,
      },
    });
  });

  test('reset clears counters, faults and the clock offset', async () => {
    await mediaList();
    emulator.control.addFault({ route: '*', status: 500 });
    const before = emulator.control.now();
    emulator.control.advanceClock(3600);
    emulator.control.reset();
    expect(emulator.control.counts()).toEqual({ total: 0, byRoute: {} });
    expect(emulator.control.faults()).toEqual([]);
    expect(emulator.control.now() - before).toBeLessThan(1000);
  });
});
