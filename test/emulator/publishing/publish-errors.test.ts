import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph } from '../helpers.ts';
import { startMediaServer, type MediaServer } from '../../../harness/media-server.ts';
import {
  containerId,
  createContainer,
  expectPublishingError,
  postGraph,
  publish,
  statusOf,
} from './publishing-helpers.ts';

const PROCESSING_MS = 60_000;
const OTHER_TOKEN = 'other-token';

let emulator: RunningEmulator;
let media: MediaServer;
beforeAll(async () => {
  [emulator, media] = await Promise.all([
    startEmulator({ videoProcessingMs: PROCESSING_MS, mediaFetchTimeoutMs: 300 }),
    startMediaServer(),
  ]);
});
beforeEach(() => emulator.control.reset());
afterAll(() => Promise.all([emulator.close(), media.close()]));

const image = (path: string, extra: Record<string, string> = {}) =>
  createContainer(emulator, { image_url: media.url(path), ...extra });
const item = (path = '/square.jpg') =>
  containerId(emulator, { image_url: media.url(path), is_carousel_item: 'true' });
/** A container of the other demo account (`othervenue`). */
async function theirContainer(params: Record<string, string>): Promise<string> {
  const { status, body } = await postGraph(
    emulator,
    '/me/media',
    { image_url: media.url('/square.jpg'), ...params },
    { token: OTHER_TOKEN },
  );
  expect(status).toBe(200);
  return body.id;
}

describe('container creation: parameters', () => {
  test('a caption over 2200 characters is 36004/2207010', async () => {
    const answer = await image('/portrait.jpg', { caption: 'a'.repeat(2201) });
    expectPublishingError(answer, 36004, 2207010);
    expect(answer.body.error).toMatchObject({
      message: 'The caption is too long.',
      is_transient: false,
      error_user_title: 'Caption too long',
      error_user_msg: 'The caption has 2201 characters; at most 2200 are allowed.',
    });
    expect((await image('/portrait.jpg', { caption: 'a'.repeat(2200) })).status).toBe(200);
  });

  test('more than 30 hashtags or 20 mentions is 36004/2207010 too', async () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}`).join(' ');
    const mentions = (n: number) => Array.from({ length: n }, (_, i) => `@user${i}`).join(' ');
    expectPublishingError(await image('/portrait.jpg', { caption: tags(31) }), 36004, 2207010);
    expectPublishingError(await image('/portrait.jpg', { caption: mentions(21) }), 36004, 2207010);
    expect(
      (await image('/portrait.jpg', { caption: `${tags(30)} ${mentions(20)} mail@example.com` }))
        .status,
    ).toBe(200);
  });

  test('a standalone VIDEO is 100/2207023: single videos are reels', async () => {
    const answer = await createContainer(emulator, {
      media_type: 'VIDEO',
      video_url: media.url('/sample.mp4'),
    });
    expectPublishingError(answer, 100, 2207023);
    expect(answer.body.error.error_user_msg).toMatch(/REELS/);
  });

  test('an unknown media type is 100/2207023', async () => {
    expectPublishingError(
      await createContainer(emulator, { media_type: 'GIF', image_url: media.url('/portrait.jpg') }),
      100,
      2207023,
    );
  });

  test('a missing image_url or video_url is a 100 naming it', async () => {
    const answer = await createContainer(emulator, { caption: 'no picture' });
    expectPublishingError(answer, 100);
    expect(answer.body.error.message).toBe('(#100) The parameter image_url is required');
    expect((await createContainer(emulator, { media_type: 'REELS' })).body.error.message).toBe(
      '(#100) The parameter video_url is required',
    );
  });

  test('a carousel with 1 or 11 children is 100/2207028', async () => {
    const one = await item();
    expectPublishingError(
      await createContainer(emulator, { media_type: 'CAROUSEL', children: one }),
      100,
      2207028,
    );
    expectPublishingError(
      await createContainer(emulator, { media_type: 'CAROUSEL' }),
      100,
      2207028,
    );
    const eleven = await Promise.all(Array.from({ length: 11 }, () => item()));
    expectPublishingError(
      await createContainer(emulator, { media_type: 'CAROUSEL', children: eleven.join(',') }),
      100,
      2207028,
    );
    expect(
      (
        await createContainer(emulator, {
          media_type: 'CAROUSEL',
          children: eleven.slice(0, 10).join(','),
        })
      ).status,
    ).toBe(200);
  });

  test('a carousel child of another account, or unknown, is 24/2207006', async () => {
    const theirs = await theirContainer({ is_carousel_item: 'true' });
    const mine = await item();
    const answer = await createContainer(emulator, {
      media_type: 'CAROUSEL',
      children: `${mine},${theirs}`,
    });
    expectPublishingError(answer, 24, 2207006);
    expect(answer.body.error.message).toBe('The requested resource does not exist');
    expectPublishingError(
      await createContainer(emulator, {
        media_type: 'CAROUSEL',
        children: `${mine},17999999999999999`,
      }),
      24,
      2207006,
    );
  });

  test('a carousel child that is not a carousel item is a 100', async () => {
    const single = await containerId(emulator, { image_url: media.url('/square.jpg') });
    const answer = await createContainer(emulator, {
      media_type: 'CAROUSEL',
      children: `${await item()},${single}`,
    });
    expectPublishingError(answer, 100);
    expect(answer.body.error.message).toContain('is_carousel_item=true');
  });

  test('a carousel child that is not FINISHED is 9007/2207027, an expired one -2/2207020', async () => {
    const video = await containerId(emulator, {
      media_type: 'VIDEO',
      video_url: media.url('/sample.mp4'),
      is_carousel_item: 'true',
    });
    expectPublishingError(
      await createContainer(emulator, {
        media_type: 'CAROUSEL',
        children: `${await item()},${video}`,
      }),
      9007,
      2207027,
    );
    const old = await item();
    emulator.control.advanceClock(24 * 3600);
    expectPublishingError(
      await createContainer(emulator, {
        media_type: 'CAROUSEL',
        children: `${await item()},${old}`,
      }),
      -2,
      2207020,
    );
  });

  test('a reel cannot be a carousel item', async () => {
    const answer = await createContainer(emulator, {
      media_type: 'REELS',
      video_url: media.url('/sample.mp4'),
      is_carousel_item: 'true',
    });
    expectPublishingError(answer, 100, 2207023);
  });

  test('without instagram_business_content_publish the token gets code 10', async () => {
    const token = emulator.control.issueToken({
      kind: 'long',
      scopes: ['instagram_business_basic'],
    });
    const answer = await createContainer(
      emulator,
      { image_url: media.url('/portrait.jpg') },
      { token },
    );
    expectPublishingError(answer, 10);
    expect(answer.body.error.message).toBe(
      '(#10) Application does not have permission for this action',
    );
  });

  test("another account's IG user id answers Graph's unsupported post request", async () => {
    const answer = await postGraph(emulator, '/17841400000000002/media', {
      image_url: media.url('/portrait.jpg'),
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    });
    expect(answer.body.error.message).toMatch(
      /^Unsupported post request\. Object with ID '17841400000000002'/,
    );
  });
});

describe('container creation: the image behind image_url', () => {
  test('an unreachable URL is 9004/2207052 at creation', async () => {
    const answer = await image('/missing.jpg');
    expectPublishingError(answer, 9004, 2207052);
    expect(answer.body.error).toMatchObject({
      message: 'Only photo or video can be accepted as media type.',
      error_user_title: 'Media download has failed.',
    });
    expect(emulator.control.containers()).toEqual([]);
  });

  test('a redirect is not followed: 9004/2207052', async () => {
    const fetched = () => media.hits.get('/portrait.jpg') ?? 0;
    const before = fetched();
    expectPublishingError(await image('/moved.jpg'), 9004, 2207052);
    expect(fetched()).toBe(before);
  });

  test('a PNG or an HTML page is 9004/2207052: only JPEG images are taken', async () => {
    expectPublishingError(await image('/photo.png'), 9004, 2207052);
    expectPublishingError(await image('/page.html'), 9004, 2207052);
  });

  test('an aspect ratio outside 4:5 … 1.91:1 is 36003/2207009', async () => {
    const answer = await image('/wide.jpg');
    expectPublishingError(answer, 36003, 2207009);
    expect(answer.body.error).toMatchObject({
      message: 'The aspect ratio is not supported.',
      error_user_msg:
        'The submitted image with aspect ratio 3 cannot be published. Please submit an image with a valid aspect ratio.',
    });
    expectPublishingError(await image('/cover.jpg'), 36003, 2207009);
    expectPublishingError(await image('/wide.jpg', { is_carousel_item: 'true' }), 36003, 2207009);
  });

  test("an image over 8 MiB is 36000/2207004, as in Meta's sample", async () => {
    const answer = await image('/huge.jpg');
    expectPublishingError(answer, 36000, 2207004);
    expect(answer.body.error).toMatchObject({
      message: 'The image size is too large.',
      is_transient: false,
      error_user_title: 'Image size too large',
      error_user_msg: 'The image is too large to download. It should be less than 8 MiB.',
    });
  });

  test('a download that takes too long is -2/2207003, transient', async () => {
    const answer = await image('/slow.jpg');
    expectPublishingError(answer, -2, 2207003);
    expect(answer.body.error.is_transient).toBe(true);
  });

  test('with imageFailures "status" a bad image makes a container in status ERROR instead', async () => {
    emulator.control.setImageFailures('status');
    const id = await containerId(emulator, { image_url: media.url('/photo.png') });
    expect(await statusOf(emulator, id)).toEqual({
      status_code: 'ERROR',
      status: 'Error: Media upload has failed with error code 2207052',
      id,
    });
    expect(emulator.control.containers()[0]).toMatchObject({
      statusCode: 'ERROR',
      error: { code: 9004, subcode: 2207052 },
    });
    expectPublishingError(await publish(emulator, id), 9007, 2207027);
  });
});

describe('container creation: the video behind video_url', () => {
  test('a file that is not MP4 or MOV ends the container in ERROR 2207026 once processed', async () => {
    const id = await containerId(emulator, {
      media_type: 'REELS',
      video_url: media.url('/portrait.jpg'),
    });
    expect((await statusOf(emulator, id)).status_code).toBe('IN_PROGRESS');
    emulator.control.advanceClock(PROCESSING_MS / 1000);
    expect(await statusOf(emulator, id)).toEqual({
      status_code: 'ERROR',
      status: 'Error: Media upload has failed with error code 2207026',
      id,
    });
    expect(emulator.control.containers()[0]?.error).toMatchObject({ code: 352, subcode: 2207026 });
  });

  test('an unreachable video ends the container in ERROR 2207052', async () => {
    const id = await containerId(emulator, {
      media_type: 'REELS',
      video_url: media.url('/missing.mp4'),
    });
    emulator.control.advanceClock(PROCESSING_MS / 1000);
    expect((await statusOf(emulator, id)).status).toBe(
      'Error: Media upload has failed with error code 2207052',
    );
  });

  test('a bad reel cover ends the container in ERROR too', async () => {
    const id = await containerId(emulator, {
      media_type: 'REELS',
      video_url: media.url('/sample.mp4'),
      cover_url: media.url('/photo.png'),
    });
    emulator.control.advanceClock(PROCESSING_MS / 1000);
    expect((await statusOf(emulator, id)).status_code).toBe('ERROR');
  });
});

describe('publishing', () => {
  test('an IN_PROGRESS or ERROR container is 9007/2207027 "Media ID is not available"', async () => {
    const id = await containerId(emulator, {
      media_type: 'REELS',
      video_url: media.url('/sample.mp4'),
    });
    const answer = await publish(emulator, id);
    expectPublishingError(answer, 9007, 2207027);
    expect(answer.body.error).toMatchObject({
      message: 'Media ID is not available',
      is_transient: true,
      error_user_msg: 'The media is not ready for publishing, please wait for a moment',
    });
    const broken = await containerId(emulator, {
      media_type: 'REELS',
      video_url: media.url('/page.html'),
    });
    emulator.control.advanceClock(PROCESSING_MS / 1000);
    expectPublishingError(await publish(emulator, broken), 9007, 2207027);
    expect(emulator.control.publishedMedia()).toEqual([]);
  });

  test('a carousel item on its own is 100/2207023', async () => {
    expectPublishingError(await publish(emulator, await item()), 100, 2207023);
  });

  test("an unknown container or another account's is 24/2207006", async () => {
    expectPublishingError(await publish(emulator, '17999999999999999'), 24, 2207006);
    const theirs = await theirContainer({});
    expectPublishingError(await publish(emulator, theirs), 24, 2207006);
  });

  test('without creation_id it is a 100 naming the parameter', async () => {
    const answer = await postGraph(emulator, `/${emulator.userId}/media_publish`, {});
    expectPublishingError(answer, 100);
    expect(answer.body.error.message).toBe('(#100) The parameter creation_id is required');
  });

  test('a media id is not a container: reading a media id answers as media, publishing it is 24/2207006', async () => {
    const mediaId = (await getGraph(emulator, '/me/media', { fields: 'id', limit: 1 })).body
      .data[0]!.id;
    expectPublishingError(await publish(emulator, mediaId), 24, 2207006);
  });
});
