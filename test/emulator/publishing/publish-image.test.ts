import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph } from '../helpers.ts';
import { startMediaServer, type MediaServer } from '../../../harness/media-server.ts';
import {
  bytesOf,
  containerId,
  createContainer,
  GRAPH_ID,
  postGraph,
  publishedId,
  statusOf,
} from './publishing-helpers.ts';

let emulator: RunningEmulator;
let media: MediaServer;
beforeAll(async () => {
  [emulator, media] = await Promise.all([startEmulator(), startMediaServer()]);
});
beforeEach(() => emulator.control.reset());
afterAll(() => Promise.all([emulator.close(), media.close()]));

const POST_FIELDS =
  'id,caption,media_type,media_product_type,media_url,permalink,shortcode,timestamp,alt_text,username';

describe('publishing a single image', () => {
  test('container, FINISHED, publish: the post comes first in /me/media with its caption and a CDN link serving the same bytes', async () => {
    const caption = 'Doors open at 8 #northlight @guest.dj';
    const id = await containerId(emulator, {
      image_url: media.url('/portrait.jpg'),
      caption,
      alt_text: 'The crowd at the stage',
    });
    expect(await statusOf(emulator, id)).toEqual({
      status_code: 'FINISHED',
      status: 'Finished: Media has been uploaded and it is ready to be published.',
      id,
    });

    const mediaId = await publishedId(emulator, id);
    expect(mediaId).not.toBe(id);
    const { body } = await getGraph(emulator, '/me/media', { fields: POST_FIELDS, limit: 3 });
    const post = body.data[0]!;
    expect(post).toMatchObject({
      id: mediaId,
      caption,
      media_type: 'IMAGE',
      media_product_type: 'FEED',
      alt_text: 'The crowd at the stage',
      username: 'northlight.events',
      permalink: `https://www.instagram.com/p/${post.shortcode}/`,
    });
    expect(Date.parse(post.timestamp.replace('+0000', 'Z'))).toBeGreaterThan(
      emulator.control.now() - 60_000,
    );

    const served = await bytesOf(post.media_url);
    expect(served.status).toBe(200);
    expect(served.type).toBe('image/jpeg');
    expect(served.bytes.equals(media.files['/portrait.jpg'])).toBe(true);
  });

  test('Instagram fetches the image while creating the container, once, as facebookexternalhit', async () => {
    await containerId(emulator, { image_url: media.url('/square.jpg') });
    expect(media.hits.get('/square.jpg')).toBe(1);
    expect(media.lastUserAgent).toMatch(/^facebookexternalhit\//);
  });

  test('parameters may come in the query string, a form body or a JSON body', async () => {
    for (const as of ['query', 'form', 'json'] as const) {
      const { status, body } = await createContainer(
        emulator,
        { image_url: media.url('/square.jpg'), caption: `sent as ${as}` },
        { as },
      );
      expect(status).toBe(200);
      expect(body.id).toMatch(GRAPH_ID);
    }
  });

  test('publishing through /me works the same as through the IG user id', async () => {
    const id = await containerId(emulator, { image_url: media.url('/square.jpg') });
    const { status, body } = await postGraph(emulator, '/me/media_publish', { creation_id: id });
    expect(status).toBe(200);
    expect(emulator.control.publishedMedia()).toEqual([
      expect.objectContaining({ id: body.id, containerId: id }),
    ]);
  });

  test('the published post reads by id, with a permalink and an unchanged media count elsewhere', async () => {
    const before = (await getGraph(emulator, '/me', { fields: 'media_count' })).body.media_count;
    const mediaId = await publishedId(
      emulator,
      await containerId(emulator, { image_url: media.url('/portrait.jpg'), caption: 'By id' }),
    );
    const node = await getGraph(emulator, `/${mediaId}`, {
      fields: 'caption,like_count,comments_count,is_comment_enabled,owner',
    });
    expect(node.body).toEqual({
      caption: 'By id',
      like_count: 0,
      comments_count: 0,
      is_comment_enabled: true,
      owner: { id: emulator.userId },
      id: mediaId,
    });
    expect((await getGraph(emulator, '/me', { fields: 'media_count' })).body.media_count).toBe(
      before + 1,
    );
    expect(emulator.control.publishedMedia(emulator.userId)[0]).toMatchObject({
      id: mediaId,
      mediaType: 'IMAGE',
      productType: 'FEED',
      caption: 'By id',
      permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\/[A-Za-z0-9_-]+\/$/),
    });
    expect(emulator.control.publishedMedia('17841400000000002')).toEqual([]);
  });

  test("a container reads as a container: its own fields, and Graph's error for a media field", async () => {
    const id = await containerId(emulator, { image_url: media.url('/portrait.jpg') });
    expect((await getGraph(emulator, `/${id}`)).body).toEqual({ id });
    const permalink = await getGraph(emulator, `/${id}`, { fields: 'permalink' });
    expect(permalink.status).toBe(400);
    expect(permalink.body.error).toMatchObject({
      code: 100,
      message:
        '(#100) Tried accessing nonexisting field (permalink) on node type (ShadowIGMediaBuilder)',
    });
  });

  test('reset drops containers and published posts', async () => {
    const mediaId = await publishedId(
      emulator,
      await containerId(emulator, { image_url: media.url('/square.jpg') }),
    );
    emulator.control.reset();
    expect(emulator.control.containers()).toEqual([]);
    expect(emulator.control.publishedMedia()).toEqual([]);
    expect((await getGraph(emulator, `/${mediaId}`)).body.error).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
  });
});
