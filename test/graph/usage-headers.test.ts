import { afterEach, describe, expect, it } from 'vitest';
import { parseUsageHeaders } from '../../integration/graph/index.ts';
import { spacingMs } from '../../integration/graph/usage.ts';
import { bucUsage, mockGraph } from './mock-graph.ts';

describe('parseUsageHeaders', () => {
  it('reads X-App-Usage percentages', () => {
    const usage = parseUsageHeaders({
      'x-app-usage': '{"call_count":28,"total_time":25,"total_cputime":31}',
    });
    expect(usage).toEqual({
      appCallCount: 28,
      appTotalTime: 25,
      appTotalCputime: 31,
      maxPercent: 31,
      regainAccessMs: 0,
    });
  });

  it('reads every entry of X-Business-Use-Case-Usage, keyed by business object id', () => {
    const header = JSON.stringify({
      '17841405822304914': [
        {
          type: 'instagram',
          call_count: 95,
          total_cputime: 20,
          total_time: 22,
          estimated_time_to_regain_access: 0,
        },
        {
          type: 'pages',
          call_count: 10,
          total_cputime: 97,
          total_time: 5,
          estimated_time_to_regain_access: 3,
        },
      ],
      '1234567890': [
        {
          type: 'messenger',
          call_count: 1,
          total_cputime: 1,
          total_time: 1,
          estimated_time_to_regain_access: 7,
        },
      ],
    });
    const usage = parseUsageHeaders({ 'x-business-use-case-usage': header });
    expect(usage?.business?.['17841405822304914']).toEqual([
      {
        type: 'instagram',
        callCount: 95,
        totalTime: 22,
        totalCputime: 20,
        estimatedTimeToRegainAccessMin: 0,
      },
      {
        type: 'pages',
        callCount: 10,
        totalTime: 5,
        totalCputime: 97,
        estimatedTimeToRegainAccessMin: 3,
      },
    ]);
    expect(usage?.business?.['1234567890']).toHaveLength(1);
    expect(usage?.maxPercent).toBe(97);
    expect(usage?.regainAccessMs).toBe(7 * 60_000);
  });

  it('takes the largest percentage across both headers', () => {
    const usage = parseUsageHeaders({
      'X-App-Usage': '{"call_count":88,"total_time":1,"total_cputime":1}',
      'X-Business-Use-Case-Usage': bucUsage(40)['x-business-use-case-usage'],
    });
    expect(usage?.appCallCount).toBe(88);
    expect(usage?.business).toBeDefined();
    expect(usage?.maxPercent).toBe(88);
  });

  it('returns undefined when no usage header is present', () => {
    expect(parseUsageHeaders({ 'content-type': 'application/json' })).toBeUndefined();
  });

  it('ignores a header that is not JSON and reports it', () => {
    const bad: string[] = [];
    const usage = parseUsageHeaders(
      {
        'x-app-usage': '{"call_count":',
        'x-business-use-case-usage': bucUsage(12)['x-business-use-case-usage'],
      },
      (name) => bad.push(name),
    );
    expect(bad).toEqual(['x-app-usage']);
    expect(usage?.maxPercent).toBe(12);
    expect(usage?.appCallCount).toBeUndefined();
  });

  it('ignores JSON of the wrong shape and non-numeric counts', () => {
    expect(parseUsageHeaders({ 'x-app-usage': '[1,2,3]' }, () => {})).toBeUndefined();
    expect(parseUsageHeaders({ 'x-business-use-case-usage': '{"1":"nope"}' })).toBeUndefined();
    const usage = parseUsageHeaders({
      'x-app-usage': '{"call_count":"abc","total_time":-5,"total_cputime":"12"}',
    });
    expect(usage).toEqual({ appTotalCputime: 12, maxPercent: 12, regainAccessMs: 0 });
  });
});

describe('spacingMs', () => {
  const policy = { slowDownAtPercent: 80, maxSlowDownMs: 10_000 };
  const at = (maxPercent: number) => spacingMs({ maxPercent, regainAccessMs: 0 }, policy);

  it('is zero below the threshold and grows linearly from it to 100 %', () => {
    expect([0, 79, 80, 90, 100, 140].map(at)).toEqual([0, 0, 250, 5_125, 10_000, 10_000]);
    expect(spacingMs(undefined, policy)).toBe(0);
  });
});

describe('usage in the client', () => {
  let graph: ReturnType<typeof mockGraph>;
  afterEach(() => graph.close());

  it('keeps the last parsed usage', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { body: {}, headers: bucUsage(30) }, { body: {} });
    await graph.client.get('/me');
    expect(graph.client.usage?.maxPercent).toBe(30);
    await graph.client.get('/me');
    expect(graph.client.usage?.maxPercent).toBe(30);
  });

  it('logs an unreadable usage header at debug and carries on', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { body: { id: '1' }, headers: { 'x-app-usage': 'garbage' } });
    await expect(graph.client.get('/me')).resolves.toEqual({ id: '1' });
    expect(
      graph.logs.debug.some((line) =>
        line.includes('Ignoring unreadable x-app-usage header: garbage'),
      ),
    ).toBe(true);
    expect(graph.client.usage).toBeUndefined();
  });

  it('does not slow down below the threshold', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { body: {}, headers: bucUsage(79) }, { body: {} });
    await graph.client.get('/me');
    await graph.client.get('/me');
    expect(graph.sleeps).toEqual([]);
    expect(graph.logs.warn).toEqual([]);
  });

  it('spaces the next requests out once usage reaches the threshold, and warns once', async () => {
    graph = mockGraph();
    graph.reply(
      '/v26.0/me',
      { body: {}, headers: bucUsage(80) },
      { body: {}, headers: bucUsage(90) },
      { body: {}, headers: bucUsage(100) },
      { body: {} },
    );
    for (let i = 0; i < 4; i++) await graph.client.get('/me');
    expect(graph.sleeps).toEqual([250, 5_125, 10_000]);
    expect(graph.logs.warn).toHaveLength(1);
    expect(graph.logs.warn[0]).toMatch(/usage at 80% of the rate limit/);
  });

  it('honours slowDownAtPercent', async () => {
    graph = mockGraph({ slowDownAtPercent: 50, maxSlowDownMs: 1_000 });
    graph.reply(
      '/v26.0/me',
      {
        body: {},
        headers: { 'x-app-usage': '{"call_count":75,"total_time":1,"total_cputime":1}' },
      },
      { body: {} },
    );
    await graph.client.get('/me');
    await graph.client.get('/me');
    expect(graph.sleeps).toEqual([625]);
  });

  it('stops spacing once usage drops, and warns again when it rises', async () => {
    graph = mockGraph();
    graph.reply(
      '/v26.0/me',
      { body: {}, headers: bucUsage(85) },
      { body: {}, headers: bucUsage(10) },
      { body: {}, headers: bucUsage(85) },
      { body: {} },
    );
    for (let i = 0; i < 4; i++) await graph.client.get('/me');
    expect(graph.sleeps).toEqual([2_688, 2_688]);
    expect(graph.logs.warn).toHaveLength(2);
  });

  it('waits the regain time before the next request when a response reports one', async () => {
    graph = mockGraph();
    graph.reply(
      '/v26.0/me',
      { body: {}, headers: bucUsage(100, 1) },
      { body: {}, headers: bucUsage(20) },
    );
    await graph.client.get('/me');
    await graph.client.get('/me');
    expect(graph.sleeps).toEqual([60_000]);
  });

  it('spaces out concurrent requests too', async () => {
    graph = mockGraph();
    graph.reply(
      '/v26.0/me',
      { body: {}, headers: bucUsage(90) },
      { body: {}, headers: bucUsage(90) },
      { body: {}, headers: bucUsage(90) },
      { body: {} },
    );
    await graph.client.get('/me');
    await Promise.all([graph.client.get('/me'), graph.client.get('/me'), graph.client.get('/me')]);
    expect(graph.sleeps).toEqual([5_125, 5_125, 5_125]);
  });
});
