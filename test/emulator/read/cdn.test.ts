import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph } from '../helpers.ts';
import { demoPostAt } from '../seeds.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

async function fetchBytes(url: string) {
  const answer = await request(url);
  return {
    status: answer.statusCode,
    headers: answer.headers,
    bytes: Buffer.from(await answer.body.arrayBuffer()),
  };
}

async function mediaField(timestamp: string, field: string): Promise<string> {
  const post = await demoPostAt(timestamp);
  return (await getGraph<Record<string, string>>(emulator, `/${post.id}`, { fields: field })).body[
    field
  ]!;
}

describe('signed CDN links', () => {
  test.each([
    ['a portrait image', '2026-03-28T21:10:00Z', 'media_url', 1080, 1350],
    ['a square image', '2026-04-29T15:30:00Z', 'media_url', 1080, 1080],
    ['a landscape image', '2026-06-20T20:00:00Z', 'media_url', 1080, 566],
    ['a reel thumbnail', '2026-04-29T19:40:00Z', 'thumbnail_url', 1080, 1920],
  ])(
    'serve %s as a JPEG with its declared dimensions',
    async (_name, timestamp, field, width, height) => {
      const { status, headers, bytes } = await fetchBytes(await mediaField(timestamp, field));
      expect(status).toBe(200);
      expect(headers['content-type']).toBe('image/jpeg');
      expect(headers['content-length']).toBe(String(bytes.length));
      expect(headers['cache-control']).toMatch(/max-age=\d+/);
      const meta = await sharp(bytes).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width, height });
    },
  );

  test('serve the same bytes on a second request (rendered once)', async () => {
    const url = await mediaField('2026-03-28T21:10:00Z', 'media_url');
    expect((await fetchBytes(url)).bytes.equals((await fetchBytes(url)).bytes)).toBe(true);
  });

  test('serve videos as a real MP4: the 2 s sample, or the 4 s one for a video seeded with clip 4s', async () => {
    const { status, headers, bytes } = await fetchBytes(
      await mediaField('2026-03-29T08:00:00Z', 'media_url'),
    );
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('video/mp4');
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    expect(
      bytes.equals(
        await readFile(new URL('../../../integration/emulator/seed/sample.mp4', import.meta.url)),
      ),
    ).toBe(true);
    // The Spring Launch reel ("The launch moment"): clip 4s.
    const launch = await fetchBytes(await mediaField('2026-04-29T19:40:00Z', 'media_url'));
    expect(launch.headers['content-type']).toBe('video/mp4');
    expect(
      launch.bytes.equals(
        await readFile(
          new URL('../../../integration/emulator/seed/sample-4s.mp4', import.meta.url),
        ),
      ),
    ).toBe(true);
  });

  test('serve the profile picture', async () => {
    const url = (await getGraph(emulator, '/me', { fields: 'profile_picture_url' })).body
      .profile_picture_url;
    expect(await sharp((await fetchBytes(url)).bytes).metadata()).toMatchObject({
      width: 320,
      height: 320,
    });
  });

  test('carry oe as the uppercase hex expiry: 3 days for images, 1 day for videos', async () => {
    const now = Math.floor(emulator.control.now() / 1000);
    const image = new URL(await mediaField('2026-03-28T21:10:00Z', 'media_url'));
    const video = new URL(await mediaField('2026-04-29T19:40:00Z', 'media_url'));
    expect(image.searchParams.get('oe')).toMatch(/^[0-9A-F]+$/);
    expect(Number.parseInt(image.searchParams.get('oe') ?? '', 16) - now).toBeCloseTo(
      3 * 86400,
      -1,
    );
    expect(Number.parseInt(video.searchParams.get('oe') ?? '', 16) - now).toBeCloseTo(86400, -1);
  });

  test('answer 403 "URL signature expired" once the clock passes oe', async () => {
    const image = await mediaField('2026-03-28T21:10:00Z', 'media_url');
    const video = await mediaField('2026-04-29T19:40:00Z', 'media_url');
    emulator.control.advanceClock(2 * 86400);
    expect((await fetchBytes(image)).status).toBe(200);
    const expiredVideo = await fetchBytes(video);
    expect(expiredVideo.status).toBe(403);
    expect(expiredVideo.headers['content-type']).toMatch(/^text\/plain/);
    expect(expiredVideo.bytes.toString()).toBe('URL signature expired');
    emulator.control.advanceClock(86400 + 1);
    expect((await fetchBytes(image)).bytes.toString()).toBe('URL signature expired');
  });

  test('answer 403 "Bad URL hash" when oh does not match (e.g. a stretched oe)', async () => {
    const url = new URL(await mediaField('2026-03-28T21:10:00Z', 'media_url'));
    url.searchParams.set(
      'oe',
      (Number.parseInt(url.searchParams.get('oe') ?? '', 16) + 86400).toString(16).toUpperCase(),
    );
    const { status, bytes } = await fetchBytes(url.href);
    expect(status).toBe(403);
    expect(bytes.toString()).toBe('Bad URL hash');
  });

  test('honour the cdnTtlSeconds option', async () => {
    const shortLived = await startEmulator({ cdnTtlSeconds: 60 });
    try {
      const url = new URL(
        (await getGraph(shortLived, '/me', { fields: 'profile_picture_url' })).body
          .profile_picture_url,
      );
      expect(
        Number.parseInt(url.searchParams.get('oe') ?? '', 16) -
          Math.floor(shortLived.control.now() / 1000),
      ).toBeLessThanOrEqual(60);
      shortLived.control.advanceClock(61);
      expect((await fetchBytes(url.href)).status).toBe(403);
    } finally {
      await shortLived.close();
    }
  });
});
