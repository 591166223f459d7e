import { afterEach, describe, expect, it } from 'vitest';
import {
  getChildren,
  getMe,
  getMedia,
  getUser,
  MEDIA_FIELDS,
} from '../../integration/graph/index.ts';
import { BASE_URL, mockGraph, rejectionOf } from './mock-graph.ts';

let graph: ReturnType<typeof mockGraph>;
afterEach(() => graph.close());

const profile = {
  user_id: '17841405822304914',
  username: 'forgelegacy',
  name: 'Forge Legacy',
  account_type: 'BUSINESS',
  media_count: 47,
  followers_count: 1284,
  id: '9876543210123456',
};

const queryOf = (index: number) => new URL(graph.requests[index]!.path, BASE_URL).searchParams;

describe('getMe', () => {
  it('reads a plain profile object and prefers user_id over the app-scoped id', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { body: profile });
    const me = await getMe(graph.client);
    expect(me).toMatchObject({
      userId: '17841405822304914',
      username: 'forgelegacy',
      accountType: 'BUSINESS',
      name: 'Forge Legacy',
      mediaCount: 47,
      followersCount: 1284,
    });
    expect(me.profile.id).toBe('9876543210123456');
    expect(queryOf(0).get('fields')).toContain('user_id,username');
  });

  it('reads the {"data":[{…}]} form printed in the get-started docs', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', {
      body: { data: [{ user_id: '17841405822304914', username: 'forgelegacy' }] },
    });
    const me = await getMe(graph.client);
    expect(me).toMatchObject({ userId: '17841405822304914', username: 'forgelegacy' });
    expect(me.profile.id).toBe('17841405822304914');
  });

  it('turns a numeric user_id into a string, exactly', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { body: '{"user_id":27640875392278831,"username":"x","id":"1"}' });
    expect((await getMe(graph.client)).userId).toBe('27640875392278831');
  });

  it('falls back to id when user_id is absent', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { body: { id: '17841405822304914', username: 'forgelegacy' } });
    expect((await getMe(graph.client)).userId).toBe('17841405822304914');
  });

  it('rejects a response without any id', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/me', { body: { data: [] } });
    await expect(getMe(graph.client)).rejects.toMatchObject({
      name: 'GraphError',
      category: 'bad_request',
    });
  });
});

describe('getUser', () => {
  it('gets a user by id', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/17841405822304914', {
      body: { id: '17841405822304914', username: 'metricsaurus', biography: 'Dino' },
    });
    const user = await getUser(graph.client, '17841405822304914');
    expect(user).toEqual({ id: '17841405822304914', username: 'metricsaurus', biography: 'Dino' });
    expect(queryOf(0).get('fields')).toContain('biography');
  });
});

describe('getMedia', () => {
  it('gets one media node with every gallery field by default', async () => {
    graph = mockGraph();
    const media = {
      id: '17895695668004550',
      media_type: 'CAROUSEL_ALBUM',
      timestamp: '2026-04-20T09:00:00+0000',
      children: { data: [{ id: '1', media_type: 'IMAGE' }] },
    };
    graph.reply('/v26.0/17895695668004550', { body: media });
    await expect(getMedia(graph.client, '17895695668004550')).resolves.toEqual(media);
    expect(queryOf(0).get('fields')).toBe(MEDIA_FIELDS);
  });

  it('asks for the given fields', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/1', { body: { id: '1', media_url: 'https://cdn.test/a.jpg' } });
    await getMedia(graph.client, '1', 'media_url');
    expect(queryOf(0).get('fields')).toBe('media_url');
  });

  it('surfaces a missing media as a GraphError', async () => {
    graph = mockGraph();
    graph.reply('/v26.0/404', {
      status: 400,
      body: {
        error: {
          message: "Unsupported get request. Object with ID '404' does not exist",
          type: 'GraphMethodException',
          code: 100,
          error_subcode: 33,
          fbtrace_id: 'x',
        },
      },
    });
    const error = await rejectionOf(getMedia(graph.client, '404'));
    expect(error).toMatchObject({
      category: 'bad_request',
      code: 100,
      subcode: 33,
      type: 'GraphMethodException',
    });
  });
});

describe('getChildren', () => {
  it('collects every page of a carousel', async () => {
    graph = mockGraph();
    graph.reply(
      '/v26.0/17895695668004550/children',
      {
        body: {
          data: [{ id: '11', media_type: 'IMAGE' }],
          paging: { next: `${BASE_URL}/17895695668004550/children?after=c1` },
        },
      },
      {
        body: {
          data: [{ id: '12', media_type: 'VIDEO', thumbnail_url: 'https://cdn.test/t.jpg' }],
        },
      },
    );
    const children = await getChildren(graph.client, '17895695668004550');
    expect(children.map((child) => child.id)).toEqual(['11', '12']);
    expect(queryOf(0).get('fields')).toBe('id,media_type,media_url,thumbnail_url,alt_text');
  });
});

describe('MEDIA_FIELDS', () => {
  it('asks for every gallery field and carousel children by field expansion', () => {
    expect(MEDIA_FIELDS).toBe(
      'id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,shortcode,timestamp,username,alt_text,like_count,comments_count,children{id,media_type,media_url,thumbnail_url,alt_text}',
    );
  });
});
