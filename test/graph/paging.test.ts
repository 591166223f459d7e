import { afterEach, describe, expect, it } from 'vitest';
import { listMedia } from '../../integration/graph/index.ts';
import { BASE_URL, mockGraph, rejectionOf, TOKEN } from './mock-graph.ts';

let graph: ReturnType<typeof mockGraph>;
afterEach(() => graph.close());

/** A list page whose `next` embeds the token in plain text, as Graph's do. */
function page(ids: string[], after?: string, edge = '/17841/media') {
  const next =
    after === undefined
      ? undefined
      : `${BASE_URL}${edge}?access_token=${TOKEN}&fields=id&limit=2&after=${after}`;
  return {
    body: {
      data: ids.map((id) => ({ id })),
      paging: {
        cursors: { before: 'b', after: after ?? 'last' },
        ...(next === undefined ? {} : { next }),
      },
    },
  };
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const all: T[][] = [];
  for await (const items of pages) all.push(items);
  return all;
}

describe('paginate', () => {
  it('follows paging.next until a page has none', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841/media', page(['1', '2'], 'c1'), page(['3', '4'], 'c2'), page(['5']));
    const pages = await collect(
      graph.client.paginate<{ id: string }>('/17841/media', { fields: 'id', limit: 2 }),
    );
    expect(pages).toEqual([[{ id: '1' }, { id: '2' }], [{ id: '3' }, { id: '4' }], [{ id: '5' }]]);
    expect(graph.requests.map((request) => request.path)).toEqual([
      '/v26.0/17841/media?fields=id&limit=2',
      '/v26.0/17841/media?fields=id&limit=2&after=c1',
      '/v26.0/17841/media?fields=id&limit=2&after=c2',
    ]);
  });

  it('strips the token from next URLs and sends it in the header instead', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841/media', page(['1'], 'c1'), page(['2']));
    await collect(graph.client.paginate('/17841/media'));
    for (const request of graph.requests) {
      expect(request.path).not.toContain('access_token');
      expect(request.path).not.toContain(TOKEN);
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
  });

  it('stops when the consumer breaks, without fetching the next page', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841/media', page(['1', '2'], 'c1'), page(['3']));
    for await (const items of graph.client.paginate('/17841/media')) {
      expect(items).toHaveLength(2);
      break;
    }
    expect(graph.client.requestCount).toBe(1);
    expect(graph.requests).toHaveLength(1);
    expect(graph.agent.pendingInterceptors()).toHaveLength(1);
  });

  it('keeps going past an empty page that still has a next', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841/media', page([], 'c1'), page(['1']));
    expect(await collect(graph.client.paginate('/17841/media'))).toEqual([[], [{ id: '1' }]]);
  });

  it('stops instead of looping when a next URL repeats', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841/media', page(['1'], 'same'), page(['2'], 'same'), page(['3']));
    expect(await collect(graph.client.paginate('/17841/media'))).toEqual([
      [{ id: '1' }],
      [{ id: '2' }],
    ]);
    expect(graph.client.requestCount).toBe(2);
  });

  it('retries a failed page and carries on', async () => {
    graph = mockGraph();
    graph.reply(
      '/v26.0/17841/media',
      page(['1'], 'c1'),
      { status: 503, body: 'Service Unavailable' },
      page(['2']),
    );
    expect(await collect(graph.client.paginate('/17841/media'))).toEqual([
      [{ id: '1' }],
      [{ id: '2' }],
    ]);
    expect(graph.requests[2]?.path).toContain('after=c1');
  });

  it('refuses to send the token to a next URL on another origin', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841/media', {
      body: {
        data: [{ id: '1' }],
        paging: { next: `https://evil.test/v26.0/17841/media?access_token=${TOKEN}&after=x` },
      },
    });
    const pages = graph.client.paginate('/17841/media');
    await pages.next();
    const error = await rejectionOf(pages.next());
    expect(error).toMatchObject({ category: 'bad_request', path: '/v26.0/17841/media?after=x' });
    expect(error.message).not.toContain(TOKEN);
    expect(graph.client.requestCount).toBe(1);
  });

  it('rejects a response without a data array', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841/media', { body: { id: '17841' } });
    const error = await rejectionOf(collect(graph.client.paginate('/17841/media')));
    expect(error).toMatchObject({ category: 'bad_request' });
    expect(error.message).toMatch(/expected a list with a "data" array/);
  });

  it('follows a next URL given to getUrl the same way', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841/media', page(['9']));
    const body = await graph.client.getUrl(
      `${BASE_URL}/17841/media?access_token=${TOKEN}&after=c9`,
    );
    expect(body).toMatchObject({ data: [{ id: '9' }] });
    expect(graph.requests[0]?.path).toBe('/v26.0/17841/media?after=c9');
  });
});

describe('listMedia', () => {
  it('pages through /me/media with every field and the largest page size', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me/media', page(['1'], 'c1', '/me/media'), page(['2']));
    const pages = await collect(listMedia(graph.client));
    expect(pages.flat().map((media) => media.id)).toEqual(['1', '2']);
    const first = new URL(graph.requests[0]!.path, BASE_URL);
    expect(first.searchParams.get('limit')).toBe('100');
    expect(first.searchParams.get('fields')).toContain(
      'children{id,media_type,media_url,thumbnail_url,alt_text}',
    );
  });

  it('uses the given user id and time window (Dates become unix seconds)', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841405822304914/media', page([]));
    await collect(
      listMedia(graph.client, {
        userId: '17841405822304914',
        limit: 25,
        since: new Date('2026-04-29T00:00:00Z'),
        until: 1777593600,
      }),
    );
    const url = new URL(graph.requests[0]!.path, BASE_URL);
    expect(url.pathname).toBe('/v26.0/17841405822304914/media');
    expect(url.searchParams.get('limit')).toBe('25');
    expect(url.searchParams.get('since')).toBe('1777420800');
    expect(url.searchParams.get('until')).toBe('1777593600');
  });
});
