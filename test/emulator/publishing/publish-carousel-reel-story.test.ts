import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph } from '../helpers.ts';
import { startMediaServer, type MediaServer } from '../../../harness/media-server.ts';
import {
  bytesOf,
  containerId,
  createContainer,
  expectPublishingError,
  publish,
  publishedId,
  statusOf,
} from './publishing-helpers.ts';

// Long enough that real time never finishes a video during a test: only advancing the clock does.
const PROCESSING_MS = 60_000;

let emulator: RunningEmulator;
let media: MediaServer;
beforeAll(async () => {
  [emulator, media] = await Promise.all([
    startEmulator({ videoProcessingMs: PROCESSING_MS }),
    startMediaServer(),
  ]);
});
beforeEach(() => emulator.control.reset());
afterAll(() => Promise.all([emulator.close(), media.close()]));

const finishProcessing = () => emulator.control.advanceClock(PROCESSING_MS / 1000);

describe('publishing a carousel', () => {
  test('two images and a video: the video item is IN_PROGRESS until the clock passes videoProcessingMs', async () => {
    const first = await containerId(emulator, {
      image_url: media.url('/portrait.jpg'),
      is_carousel_item: 'true',
      alt_text: 'First',
    });
    const second = await containerId(emulator, {
      image_url: media.url('/square.jpg'),
      is_carousel_item: 'true',
    });
    const video = await containerId(emulator, {
      media_type: 'VIDEO',
      video_url: media.url('/sample.mp4'),
      is_carousel_item: 'true',
    });
    expect(await statusOf(emulator, first)).toMatchObject({ status_code: 'FINISHED' });
    expect(await statusOf(emulator, video)).toEqual({
      status_code: 'IN_PROGRESS',
      status: 'In Progress: Media is still being processed.',
      id: video,
    });
    emulator.control.advanceClock(PROCESSING_MS / 1000 - 1);
    expect((await statusOf(emulator, video)).status_code).toBe('IN_PROGRESS');

    const early = await createContainer(emulator, {
      media_type: 'CAROUSEL',
      children: `${first},${second},${video}`,
      caption: 'Too soon',
    });
    expectPublishingError(early, 9007, 2207027);

    emulator.control.advanceClock(1);
    expect((await statusOf(emulator, video)).status_code).toBe('FINISHED');
    const carousel = await containerId(emulator, {
      media_type: 'CAROUSEL',
      children: `${first},${second},${video}`,
      caption: 'Three of the night',
    });
    expect((await statusOf(emulator, carousel)).status_code).toBe('FINISHED');
    const albumId = await publishedId(emulator, carousel);

    const fields =
      'caption,media_type,media_product_type,media_url,children{id,media_type,media_url,thumbnail_url,alt_text}';
    const album = (await getGraph(emulator, '/me/media', { fields, limit: 1 })).body.data[0]!;
    expect(album).toMatchObject({
      id: albumId,
      caption: 'Three of the night',
      media_type: 'CAROUSEL_ALBUM',
      media_product_type: 'FEED',
    });
    const items = album.children.data;
    expect(items.map((item: { media_type: string }) => item.media_type)).toEqual([
      'IMAGE',
      'IMAGE',
      'VIDEO',
    ]);
    expect(items[0]!.alt_text).toBe('First');
    expect(album.media_url).toBe(items[0]!.media_url);
    expect((await bytesOf(items[1]!.media_url)).bytes.equals(media.files['/square.jpg'])).toBe(
      true,
    );
    const clip = await bytesOf(items[2]!.media_url);
    expect(clip.type).toBe('video/mp4');
    expect(clip.bytes.equals(media.files['/sample.mp4'])).toBe(true);
    expect((await bytesOf(items[2]!.thumbnail_url)).type).toBe('image/jpeg');

    // The items went out with the carousel: they read PUBLISHED, and the carousel counts as one post.
    expect((await statusOf(emulator, first)).status_code).toBe('PUBLISHED');
    expect(emulator.control.publishedMedia()).toEqual([
      expect.objectContaining({
        id: albumId,
        mediaType: 'CAROUSEL_ALBUM',
        children: items.map((item: { id: string; media_type: string }) => ({
          id: item.id,
          mediaType: item.media_type,
        })),
      }),
    ]);
  });

  test('children may be given as a JSON array', async () => {
    const items = [
      await containerId(emulator, {
        image_url: media.url('/portrait.jpg'),
        is_carousel_item: 'true',
      }),
      await containerId(emulator, {
        image_url: media.url('/square.jpg'),
        is_carousel_item: 'true',
      }),
    ];
    const { status } = await createContainer(emulator, {
      media_type: 'CAROUSEL',
      children: JSON.stringify(items),
    });
    expect(status).toBe(200);
  });

  test('a carousel container lists its items in control.containers()', async () => {
    const a = await containerId(emulator, {
      image_url: media.url('/portrait.jpg'),
      is_carousel_item: 'true',
    });
    const b = await containerId(emulator, {
      image_url: media.url('/square.jpg'),
      is_carousel_item: 'true',
    });
    const carousel = await containerId(emulator, { media_type: 'CAROUSEL', children: `${a},${b}` });
    expect(emulator.control.containers()).toEqual([
      expect.objectContaining({
        id: a,
        kind: 'IMAGE',
        isCarouselItem: true,
        fileKind: 'image',
        statusCode: 'FINISHED',
      }),
      expect.objectContaining({ id: b, kind: 'IMAGE', isCarouselItem: true }),
      expect.objectContaining({
        id: carousel,
        kind: 'CAROUSEL',
        isCarouselItem: false,
        children: [a, b],
        statusCode: 'FINISHED',
      }),
    ]);
  });
});

describe('publishing a reel', () => {
  test('a reel with a cover: IN_PROGRESS, then FINISHED, then a VIDEO/REELS post serving the video and the cover', async () => {
    const id = await containerId(emulator, {
      media_type: 'REELS',
      video_url: media.url('/sample.mp4'),
      cover_url: media.url('/cover.jpg'),
      caption: 'Soundcheck #live',
      share_to_feed: 'false',
    });
    expect((await statusOf(emulator, id)).status_code).toBe('IN_PROGRESS');
    expectPublishingError(await publish(emulator, id), 9007, 2207027);
    finishProcessing();
    const copyright = await getGraph(emulator, `/${id}`, {
      fields: 'status_code,copyright_check_status',
    });
    expect(copyright.body).toEqual({
      status_code: 'FINISHED',
      copyright_check_status: { status: 'completed', matches_found: false },
      id,
    });

    const reelId = await publishedId(emulator, id);
    const fields =
      'caption,media_type,media_product_type,is_shared_to_feed,permalink,media_url,thumbnail_url';
    const reel = (await getGraph(emulator, `/${reelId}`, { fields })).body;
    expect(reel).toMatchObject({
      caption: 'Soundcheck #live',
      media_type: 'VIDEO',
      media_product_type: 'REELS',
      is_shared_to_feed: false,
      permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/reel\/[A-Za-z0-9_-]+\/$/),
    });
    expect((await bytesOf(reel.media_url)).bytes.equals(media.files['/sample.mp4'])).toBe(true);
    expect((await bytesOf(reel.thumbnail_url)).bytes.equals(media.files['/cover.jpg'])).toBe(true);
    expect(
      (await getGraph(emulator, '/me/media', { fields: 'id', limit: 1 })).body.data[0]!.id,
    ).toBe(reelId);
  });

  test('share_to_feed defaults to true', async () => {
    const id = await containerId(emulator, {
      media_type: 'REELS',
      video_url: media.url('/sample.mp4'),
    });
    finishProcessing();
    const reelId = await publishedId(emulator, id);
    expect(
      (await getGraph(emulator, `/${reelId}`, { fields: 'is_shared_to_feed' })).body
        .is_shared_to_feed,
    ).toBe(true);
  });

  test('setVideoProcessingMs applies to containers created after it, on the emulator clock', async () => {
    emulator.control.setVideoProcessingMs(0);
    const id = await containerId(emulator, {
      media_type: 'REELS',
      video_url: media.url('/sample.mp4'),
    });
    expect((await statusOf(emulator, id)).status_code).toBe('FINISHED');
    expect(emulator.control.publishingSettings()).toEqual({
      videoProcessingMs: 0,
      imageFailures: 'reject',
    });
  });
});

describe('publishing a story', () => {
  test('an image story is published but stays out of the media list, as Graph lists stories elsewhere', async () => {
    const before = (await getGraph(emulator, '/me/media', { fields: 'id', limit: 1 })).body.data[0]!
      .id;
    // Stories take any aspect ratio: a 9:16 image is fine.
    const id = await containerId(emulator, {
      media_type: 'STORIES',
      image_url: media.url('/cover.jpg'),
    });
    const storyId = await publishedId(emulator, id);
    expect(
      (await getGraph(emulator, '/me/media', { fields: 'id', limit: 1 })).body.data[0]!.id,
    ).toBe(before);
    const story = (
      await getGraph(emulator, `/${storyId}`, {
        fields: 'media_type,media_product_type,permalink,media_url',
      })
    ).body;
    expect(story).toMatchObject({
      media_type: 'IMAGE',
      media_product_type: 'STORY',
      permalink: `https://www.instagram.com/stories/northlight.events/${storyId}/`,
    });
    expect((await bytesOf(story.media_url)).bytes.equals(media.files['/cover.jpg'])).toBe(true);
    expect(emulator.control.publishedMedia()).toEqual([
      expect.objectContaining({ id: storyId, productType: 'STORY' }),
    ]);
  });

  test('a video story processes like a reel', async () => {
    const id = await containerId(emulator, {
      media_type: 'STORIES',
      video_url: media.url('/sample.mp4'),
    });
    expect((await statusOf(emulator, id)).status_code).toBe('IN_PROGRESS');
    finishProcessing();
    const storyId = await publishedId(emulator, id);
    expect(
      (await getGraph(emulator, `/${storyId}`, { fields: 'media_type,media_product_type' })).body,
    ).toMatchObject({
      media_type: 'VIDEO',
      media_product_type: 'STORY',
    });
  });
});
