import { afterEach, describe, expect, it } from 'vitest';
import { GraphClient } from '../../integration/graph/index.ts';
import { BASE_URL, mockGraph, rejectionOf, TOKEN } from './mock-graph.ts';

let graph: ReturnType<typeof mockGraph>;
afterEach(() => graph.close());

describe('requests', () => {
  it('sends the token in the Authorization header and never in the URL', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { body: { id: '1' } });
    await graph.client.get('/me', { fields: 'id,username' });
    const [request] = graph.requests;
    expect(request?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers.accept).toBe('application/json');
    expect(request?.path).toBe('/v26.0/me?fields=id%2Cusername');
    expect(request?.path).not.toContain('access_token');
  });

  it('drops an access_token passed as a parameter', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { body: { id: '1' } });
    await graph.client.get('/me', { access_token: 'other-token', limit: 5 });
    expect(graph.requests[0]?.path).toBe('/v26.0/me?limit=5');
  });

  it('leaves out undefined parameters and stringifies numbers and booleans', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me/media', { body: { data: [] } });
    await graph.client.get('/me/media', { limit: 100, since: undefined, debug: true });
    expect(graph.requests[0]?.path).toBe('/v26.0/me/media?limit=100&debug=true');
  });

  it('counts every HTTP attempt, retries included', async () => {
    graph = mockGraph();
    graph.reply(
      '/v26.0/me',
      { status: 500, body: { error: { code: 2, message: 'retry', is_transient: true } } },
      { body: { id: '1' } },
    );
    graph.reply('/v26.0/me/media', { body: { data: [] } });
    await graph.client.get('/me');
    await graph.client.get('/me/media');
    expect(graph.client.requestCount).toBe(3);
  });

  it('returns the parsed body of a successful response', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841405822304914', {
      body: { id: '17841405822304914', username: 'forgelegacy' },
    });
    const user = await graph.client.get<{ id: string; username: string }>('/17841405822304914');
    expect(user).toEqual({ id: '17841405822304914', username: 'forgelegacy' });
  });

  it('rejects a baseUrl that is not an http(s) URL', () => {
    expect(() => new GraphClient({ baseUrl: 'graph.instagram.com', accessToken: TOKEN })).toThrow(
      /baseUrl/,
    );
    expect(() => new GraphClient({ baseUrl: 'ftp://graph.test', accessToken: TOKEN })).toThrow(
      /baseUrl/,
    );
  });

  it('requires an access token', () => {
    expect(() => new GraphClient({ baseUrl: BASE_URL, accessToken: '' })).toThrow(/accessToken/);
  });

  it('closes its own connection pool', async () => {
    const client = new GraphClient({ baseUrl: BASE_URL, accessToken: TOKEN });
    await client.close();
    const error = await rejectionOf(client.get('/me'));
    expect(error.category).toBe('bad_request');
  });
});
