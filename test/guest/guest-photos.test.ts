import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import { approvedPhotos, localGuestSource, s3GuestSource } from '../../integration/guest/index.ts';
import { loadEvents } from '../../integration/events/events.ts';
import { MediaCache } from '../../integration/media/media-cache.ts';
import { ROOT } from '../../harness/sync-harness.ts';
import { startS3 } from '../helpers/s3-server.ts';

const events = await loadEvents(ROOT, 'content/events', { before: '1h', after: '12h' });
const eventById = (id: string) => events.find((e) => e.id === id)!;
const EVENT = '2026-04-29';
const folder = path.join(ROOT, 'content/guest-photos', EVENT);
const moderation = parseYaml(readFileSync(path.join(folder, 'moderation.yaml'), 'utf8'))
  .photos as Record<string, { status: string }>;
const approvedNames = Object.entries(moderation)
  .filter(([, r]) => r.status === 'approved')
  .map(([name]) => name)
  .sort();

let s3: Awaited<ReturnType<typeof startS3>>;
let dataDir: string;
beforeAll(async () => {
  s3 = await startS3();
  await s3.uploadFolder(folder, EVENT, 'events/');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ais-guest-'));
});
afterAll(async () => {
  await s3.close();
  await rm(dataDir, { recursive: true, force: true });
});

const relative = (file: string) => path.relative(ROOT, file);

describe('guest photos from an S3 bucket', () => {
  it('lists only the approved photos, with EXIF capture times read in the event time zone', async () => {
    const cache = await MediaCache.open(path.join(dataDir, 's3-media'));
    const photos = await approvedPhotos(
      eventById(EVENT),
      s3GuestSource({ ...s3.options, prefix: 'events' }),
      cache,
      relative,
    );

    expect(photos.map((p) => p.name).sort()).toEqual(approvedNames);
    const band = photos.find((p) => p.name === 'band.jpg')!;
    expect(band.takenAt).toBe('2026-04-29T17:10:00.000Z'); // 19:10 in Berlin (CEST, +02:00)
    expect(band.takenAtSource).toBe('exif');
    expect(band.uploader).toBe('Chloé');
    expect([band.width, band.height]).toEqual([960, 1280]);
    const noExif = photos.find((p) => p.name === 'no-exif.jpg')!;
    expect(noExif).toMatchObject({ takenAt: '2026-04-29T19:20:00.000Z', takenAtSource: 'upload' });
  });

  it('stores the bytes it downloaded in the content-addressed cache, intact', async () => {
    const cache = await MediaCache.open(path.join(dataDir, 's3-media'));
    const photos = await approvedPhotos(
      eventById(EVENT),
      s3GuestSource({ ...s3.options, prefix: 'events/' }),
      cache,
      relative,
    );
    const doors = photos.find((p) => p.name === 'doors.jpg')!;
    const original = readFileSync(path.join(folder, 'doors.jpg'));
    expect(readFileSync(path.join(ROOT, doors.path)).equals(original)).toBe(true);
    const fromBucket = await s3.client.send(
      new GetObjectCommand({ Bucket: s3.options.bucket, Key: `events/${EVENT}/doors.jpg` }),
    );
    expect(Buffer.from(await fromBucket.Body!.transformToByteArray()).equals(original)).toBe(true);
  });

  it('downloads and decodes nothing again when the bucket did not change', async () => {
    const cache = await MediaCache.open(path.join(dataDir, 's3-media'));
    await approvedPhotos(
      eventById(EVENT),
      s3GuestSource({ ...s3.options, prefix: 'events/' }),
      cache,
      relative,
    );
    await cache.save();
    const again = await MediaCache.open(path.join(dataDir, 's3-media'));
    const photos = await approvedPhotos(
      eventById(EVENT),
      s3GuestSource({ ...s3.options, prefix: 'events/' }),
      again,
      relative,
    );
    expect(photos).toHaveLength(approvedNames.length);
    expect(again.stats).toEqual({ stored: 0, analysed: 0 });
  });

  it('returns nothing for an event with no folder in the bucket', async () => {
    const cache = await MediaCache.open(path.join(dataDir, 's3-media'));
    const photos = await approvedPhotos(
      eventById('2026-12-05-winter-market'),
      s3GuestSource({ ...s3.options, prefix: 'events/' }),
      cache,
      relative,
    );
    expect(photos).toEqual([]);
  });
});

describe('guest photos from the local folder', () => {
  it('gives the same photos as the bucket with the same layout, pointing at the files in place', async () => {
    const cache = await MediaCache.open(path.join(dataDir, 'local-media'));
    const photos = await approvedPhotos(
      eventById(EVENT),
      localGuestSource(ROOT, 'content/guest-photos'),
      cache,
      relative,
    );
    expect(photos.map((p) => p.name).sort()).toEqual(approvedNames);
    expect(photos.find((p) => p.name === 'doors.jpg')!.path).toBe(
      `content/guest-photos/${EVENT}/doors.jpg`,
    );
  });

  it('orders photos by capture time and reads the repeated DST hour correctly', async () => {
    const cache = await MediaCache.open(path.join(dataDir, 'local-media'));
    const photos = await approvedPhotos(
      eventById('2026-10-24-harvest-night'),
      localGuestSource(ROOT, 'content/guest-photos'),
      cache,
      relative,
    );
    const at = Object.fromEntries(photos.map((p) => [p.name, p.takenAt]));
    expect(at['first-230.jpg']).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST, the first time
    expect(at['second-230.jpg']).toBe('2026-10-25T01:30:00.000Z'); // 02:30 CET, with OffsetTimeOriginal
    expect(photos.map((p) => p.takenAt)).toEqual([...photos.map((p) => p.takenAt)].sort());
  });
});
