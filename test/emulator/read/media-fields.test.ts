import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { ALL_MEDIA_FIELDS, getGraph } from '../helpers.ts';
import { demoPostAt } from '../seeds.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const CDN_URL =
  /^http:\/\/127\.0\.0\.1:\d+\/cdn\/v\/t51\.2885-15\/\d+_[a-z_]*n\.(jpg|mp4)\?stp=dst-jpg&_nc_ht=scontent\.cdninstagram\.com&oh=00_[\w-]+&oe=[0-9A-F]{8}$/;

describe('media fields', () => {
  test('field expansion returns carousel children in the same response', async () => {
    const carousel = await demoPostAt('2026-03-29T01:20:00Z');
    const { body } = await getGraph(emulator, `/${carousel.id}`, {
      fields: 'id,media_type,children{id,media_type,media_url,thumbnail_url}',
    });
    expect(body.media_type).toBe('CAROUSEL_ALBUM');
    expect(body.children.data.map((c: { media_type: string }) => c.media_type)).toEqual([
      'IMAGE',
      'IMAGE',
      'VIDEO',
    ]);
    const [image, , video] = body.children.data;
    if (!image || !video) throw new Error('expected three children');
    expect(image.media_url).toMatch(CDN_URL);
    expect(image.thumbnail_url).toBeUndefined();
    expect(video.media_url).toMatch(/_n\.mp4\?/);
    expect(video.thumbnail_url).toMatch(/_t_n\.jpg\?/);
  });

  test('expansion works inside the media list, and tolerates edge modifiers', async () => {
    const { status, body } = await getGraph(emulator, '/me/media', {
      fields: 'id,children.limit(2){id,media_type}',
      limit: 100,
    });
    expect(status).toBe(200);
    const carousels = body.data.filter((item: { children?: unknown }) => item.children);
    expect(carousels.length).toBeGreaterThan(5);
    for (const carousel of carousels) expect(carousel.children.data.length).toBeLessThanOrEqual(2);
  });

  test('a carousel media_url is its first child’s URL', async () => {
    const carousel = await demoPostAt('2026-04-29T17:05:00Z');
    const { body } = await getGraph(emulator, `/${carousel.id}`, {
      fields: 'media_url,children{media_url}',
    });
    expect(body.media_url).toBe(body.children.data[0]!.media_url);
  });

  test('the copyright-blocked item has no media_url', async () => {
    const blocked = await demoPostAt('2026-06-20T21:00:00Z');
    const { body } = await getGraph(emulator, `/${blocked.id}`, {
      fields: 'id,media_type,media_url,thumbnail_url,caption',
    });
    expect(body).not.toHaveProperty('media_url');
    expect(body.media_type).toBe('VIDEO');
    expect(body.caption).toContain('#summerfest');
  });

  test('renders every field by Graph’s rules, id last when not asked for', async () => {
    const reel = await demoPostAt('2026-04-29T19:40:00Z');
    const { body } = await getGraph(emulator, `/${reel.id}`, {
      fields: 'timestamp,media_product_type,permalink,is_shared_to_feed,username,owner',
    });
    expect(body).toEqual({
      timestamp: '2026-04-29T19:40:00+0000',
      media_product_type: 'REELS',
      permalink: `https://www.instagram.com/reel/${reel.shortcode}/`,
      is_shared_to_feed: true,
      username: 'northlight.events',
      owner: { id: emulator.userId },
      id: reel.id,
    });
  });

  test('is_shared_to_feed is for reels only, thumbnail_url for video only, alt_text for images with one', async () => {
    const image = await demoPostAt('2026-04-30T09:00:00Z');
    const { body } = await getGraph(emulator, `/${image.id}`, { fields: ALL_MEDIA_FIELDS });
    expect(body).not.toHaveProperty('is_shared_to_feed');
    expect(body).not.toHaveProperty('thumbnail_url');
    expect(body).not.toHaveProperty('children');
    expect(body.alt_text).toBe(image.altText);
    expect(body.permalink).toBe(`https://www.instagram.com/p/${image.shortcode}/`);
    expect(body.like_count).toBe(image.likeCount);
    expect(body.comments_count).toBe(image.commentsCount);
    expect(body.is_comment_enabled).toBe(true);
  });

  test('a post without a caption has no caption key', async () => {
    const { body } = await getGraph(emulator, '/me/media', { fields: 'caption', limit: 100 });
    expect(body.data.some((item: object) => !('caption' in item))).toBe(true);
  });

  test('album children have no permalink, caption or counts, and are readable by id', async () => {
    const carousel = await demoPostAt('2026-06-20T16:30:00Z');
    const childId = carousel.children?.[1]?.id ?? '';
    const { body } = await getGraph(emulator, `/${childId}`, {
      fields: 'id,media_type,permalink,caption,like_count,timestamp,media_url',
    });
    expect(body.media_type).toBe('VIDEO');
    expect(body).not.toHaveProperty('permalink');
    expect(body).not.toHaveProperty('caption');
    expect(body).not.toHaveProperty('like_count');
    expect(body.timestamp).toBe('2026-06-20T16:30:00+0000');
  });

  test('/{media-id}/children answers {data: [...]} with the requested fields', async () => {
    const carousel = await demoPostAt('2026-10-24T19:30:00Z');
    const { body } = await getGraph(emulator, `/${carousel.id}/children`, {
      fields: 'id,media_type',
    });
    expect(Object.keys(body)).toEqual(['data']);
    expect(body.data).toHaveLength(5);
    expect(body.data[2]).toEqual({ id: carousel.children?.[2]?.id, media_type: 'VIDEO' });
    const bare = await getGraph(emulator, `/${carousel.id}/children`);
    expect(bare.body.data[0]).toEqual({ id: carousel.children?.[0]?.id });
  });

  test('an unknown field gives the exact #100 envelope', async () => {
    const { status, headers, body } = await getGraph(emulator, '/me/media', { fields: 'id,foo' });
    expect(status).toBe(400);
    expect(headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(Object.keys(body.error)).toEqual(['message', 'type', 'code', 'fbtrace_id']);
    expect(body.error).toMatchObject({
      message: '(#100) Tried accessing nonexisting field (foo) on node type (IGMedia)',
      type: 'OAuthException',
      code: 100,
    });
    expect(body.error.fbtrace_id).toMatch(/^[\w-]{10,}$/);
  });

  test('an unknown field inside an expansion is reported too', async () => {
    const { body } = await getGraph(emulator, '/me/media', { fields: 'id,children{id,bar}' });
    expect(body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (bar) on node type (IGMedia)',
    );
  });

  test('an unbalanced fields list is a syntax error', async () => {
    const { status, body } = await getGraph(emulator, '/me/media', { fields: 'id,children{id' });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/^Syntax error/);
  });

  test('an unknown media id gives 100/33 GraphMethodException', async () => {
    const { status, body } = await getGraph(emulator, '/17999999999999999', { fields: 'id' });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      message:
        "Unsupported get request. Object with ID '17999999999999999' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    });
  });
});
