import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph } from '../helpers.ts';
import { startMediaServer, type MediaServer } from '../../../harness/media-server.ts';
import {
  containerId,
  createContainer,
  expectPublishingError,
  publish,
  publishedId,
  statusOf,
} from './publishing-helpers.ts';
import { seedWithImages } from '../seeds.ts';

const DAY_SECONDS = 24 * 3600;

let emulator: RunningEmulator;
let media: MediaServer;
beforeAll(async () => {
  [emulator, media] = await Promise.all([
    startEmulator({ publishingLimit: 2 }),
    startMediaServer(),
  ]);
});
beforeEach(() => emulator.control.reset());
afterAll(() => Promise.all([emulator.close(), media.close()]));

const imageContainer = () => containerId(emulator, { image_url: media.url('/square.jpg') });
const limit = (query: Record<string, string> = {}) =>
  getGraph(emulator, `/${emulator.userId}/content_publishing_limit`, query);

describe('publishing quota', () => {
  test('past publishingLimit posts in 24 hours media_publish answers 9/2207042, until the window moves on', async () => {
    await publishedId(emulator, await imageContainer());
    emulator.control.advanceClock(3600);
    await publishedId(emulator, await imageContainer());
    const third = await imageContainer();
    const refused = await publish(emulator, third);
    expectPublishingError(refused, 9, 2207042);
    expect(refused.body.error).toMatchObject({
      error_user_title: 'Publishing limit reached',
      is_transient: false,
    });
    expect(emulator.control.publishedMedia()).toHaveLength(2);
    expect((await statusOf(emulator, third)).status_code).toBe('FINISHED');

    // The first post leaves the rolling window 24 hours after it was published.
    emulator.control.advanceClock(DAY_SECONDS - 3600);
    expect((await publish(emulator, third)).status).toBe(200);
  });

  test('content_publishing_limit answers quota_usage alone without fields, and config when asked', async () => {
    await publishedId(emulator, await imageContainer());
    expect((await limit()).body).toEqual({ data: [{ quota_usage: 1 }] });
    expect((await limit({ fields: 'config,quota_usage' })).body).toEqual({
      data: [{ quota_usage: 1, config: { quota_total: 2, quota_duration: 86400 } }],
    });
    expect((await limit({ fields: 'quota_usage,rate_limit_settings' })).body).toEqual({
      data: [{ quota_usage: 1 }],
    });
    const me = await getGraph(emulator, '/me/content_publishing_limit', { fields: 'config' });
    expect(me.body).toEqual({ data: [{ config: { quota_total: 2, quota_duration: 86400 } }] });
  });

  test('since narrows quota_usage to posts published at or after it', async () => {
    await publishedId(emulator, await imageContainer());
    emulator.control.advanceClock(600);
    const since = Math.floor(emulator.control.now() / 1000);
    await publishedId(emulator, await imageContainer());
    expect((await limit({ since: String(since) })).body.data[0]!.quota_usage).toBe(1);
    expect((await limit({ since: 'soon' })).body.error).toMatchObject({ code: 100 });
  });

  test("a seed account's publishingLimit wins over the option; the default is 100", async () => {
    const seed = seedWithImages(1);
    const account = seed.accounts[0];
    if (!account) throw new Error('seed without an account');
    account.publishingLimit = 1;
    const [own, plain] = await Promise.all([
      startEmulator({ seed, publishingLimit: 50 }),
      startEmulator(),
    ]);
    try {
      const config = (
        await getGraph(own, `/${own.userId}/content_publishing_limit`, { fields: 'config' })
      ).body.data[0]!.config;
      expect(config.quota_total).toBe(1);
      const byDefault = (
        await getGraph(plain, `/${plain.userId}/content_publishing_limit`, { fields: 'config' })
      ).body.data[0]!.config;
      expect(byDefault).toEqual({ quota_total: 100, quota_duration: 86400 });
    } finally {
      await Promise.all([own.close(), plain.close()]);
    }
  });
});

describe('container limit', () => {
  test('the 401st container in 24 hours is refused with 9/2207042', async () => {
    // Reels answer before their download ends, which keeps 400 creations quick.
    const reel = { media_type: 'REELS', video_url: media.url('/missing.mp4') };
    for (let i = 0; i < 400; i++) expect((await createContainer(emulator, reel)).status).toBe(200);
    const refused = await createContainer(emulator, reel);
    expectPublishingError(refused, 9, 2207042);
    expect(refused.body.error.error_user_msg).toMatch(/400 containers/);
    emulator.control.advanceClock(DAY_SECONDS);
    expect((await createContainer(emulator, reel)).status).toBe(200);
  });
});

describe('container expiry', () => {
  test('a container expires 24 hours after creation on the emulator clock and cannot be published', async () => {
    const id = await imageContainer();
    emulator.control.advanceClock(DAY_SECONDS - 1);
    expect((await statusOf(emulator, id)).status_code).toBe('FINISHED');
    emulator.control.advanceClock(1);
    expect(await statusOf(emulator, id)).toEqual({
      status_code: 'EXPIRED',
      status: 'Expired: Media was not published within 24 hours of its creation.',
      id,
    });
    const refused = await publish(emulator, id);
    expectPublishingError(refused, -2, 2207020);
    expect(emulator.control.publishedMedia()).toEqual([]);
  });

  test('a published container stays PUBLISHED after 24 hours', async () => {
    const id = await imageContainer();
    await publishedId(emulator, id);
    emulator.control.advanceClock(2 * DAY_SECONDS);
    expect((await statusOf(emulator, id)).status_code).toBe('PUBLISHED');
  });

  test('a carousel whose item expired reads EXPIRED', async () => {
    const first = await containerId(emulator, {
      image_url: media.url('/square.jpg'),
      is_carousel_item: 'true',
    });
    emulator.control.advanceClock(3600);
    const second = await containerId(emulator, {
      image_url: media.url('/portrait.jpg'),
      is_carousel_item: 'true',
    });
    const carousel = await containerId(emulator, {
      media_type: 'CAROUSEL',
      children: `${first},${second}`,
    });
    emulator.control.advanceClock(DAY_SECONDS - 3600);
    expect((await statusOf(emulator, carousel)).status_code).toBe('EXPIRED');
    expectPublishingError(await publish(emulator, carousel), -2, 2207020);
  });
});
