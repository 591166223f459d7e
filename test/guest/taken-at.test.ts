import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readExifDate, takenAtOf } from '../../integration/guest/taken-at.ts';

type Exif = NonNullable<Parameters<ReturnType<typeof sharp>['withExif']>[0]>;

async function jpeg(exif?: Exif): Promise<Buffer> {
  let image = sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).jpeg();
  if (exif) image = image.withExif(exif);
  return image.toBuffer();
}

const UPLOADED = new Date('2026-04-30T08:00:00Z');
const photos: Record<string, Buffer> = {};

beforeAll(async () => {
  [
    photos.withOffset,
    photos.localOnly,
    photos.westOffset,
    photos.noExif,
    photos.onlyDateTime,
    photos.png,
  ] = await Promise.all([
    jpeg({ IFD2: { DateTimeOriginal: '2026:04:29 19:12:00', OffsetTimeOriginal: '+02:00' } }),
    jpeg({ IFD2: { DateTimeOriginal: '2026:04:29 19:12:00' } }),
    jpeg({ IFD2: { DateTimeOriginal: '2026:04:29 19:12:00', OffsetTimeOriginal: '-04:00' } }),
    jpeg(),
    jpeg({ IFD0: { DateTime: '2026:04:29 19:12:00' } }),
    sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .png()
      .toBuffer(),
  ]);
});

describe('readExifDate', () => {
  it('reads DateTimeOriginal and OffsetTimeOriginal as written', async () => {
    expect(await readExifDate(photos.withOffset!)).toEqual({
      dateTimeOriginal: '2026:04:29 19:12:00',
      offsetTimeOriginal: '+02:00',
    });
  });

  it('reads DateTimeOriginal alone when the camera wrote no offset', async () => {
    expect(await readExifDate(photos.localOnly!)).toEqual({
      dateTimeOriginal: '2026:04:29 19:12:00',
    });
  });

  it('returns undefined for a JPEG without EXIF', async () => {
    expect(await readExifDate(photos.noExif!)).toBeUndefined();
  });

  it('returns undefined for a PNG', async () => {
    expect(await readExifDate(photos.png!)).toBeUndefined();
  });

  it('ignores the modification DateTime: only DateTimeOriginal says when the photo was taken', async () => {
    expect(await readExifDate(photos.onlyDateTime!)).toBeUndefined();
  });

  it('returns undefined for broken bytes instead of throwing', async () => {
    await expect(
      readExifDate(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 1, 2, 3])),
    ).resolves.toBeUndefined();
    await expect(readExifDate(photos.withOffset!.subarray(0, 40))).resolves.toBeUndefined();
    await expect(readExifDate(new Uint8Array())).resolves.toBeUndefined();
  });
});

describe('takenAtOf', () => {
  it('reads DateTimeOriginal in the event time zone when there is no offset', async () => {
    const exif = await readExifDate(photos.localOnly!);
    expect(takenAtOf(exif, 'Europe/Berlin', UPLOADED)).toEqual({
      takenAt: '2026-04-29T17:12:00.000Z',
      source: 'exif',
    });
    expect(takenAtOf(exif, 'America/New_York', UPLOADED)).toEqual({
      takenAt: '2026-04-29T23:12:00.000Z',
      source: 'exif',
    });
  });

  it('lets OffsetTimeOriginal win over the event time zone', async () => {
    const exif = await readExifDate(photos.westOffset!);
    expect(takenAtOf(exif, 'Europe/Berlin', UPLOADED)).toEqual({
      takenAt: '2026-04-29T23:12:00.000Z',
      source: 'exif',
    });
  });

  it('reads a matching offset to the same instant as the zone would', async () => {
    const exif = await readExifDate(photos.withOffset!);
    expect(takenAtOf(exif, 'Asia/Tokyo', UPLOADED)).toEqual({
      takenAt: '2026-04-29T17:12:00.000Z',
      source: 'exif',
    });
  });

  it('uses the upload time for a photo without EXIF', async () => {
    const exif = await readExifDate(photos.noExif!);
    expect(takenAtOf(exif, 'Europe/Berlin', UPLOADED)).toEqual({
      takenAt: '2026-04-30T08:00:00.000Z',
      source: 'upload',
    });
  });

  it('uses the upload time for broken bytes', async () => {
    const exif = await readExifDate(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 1, 2, 3]));
    expect(takenAtOf(exif, 'Europe/Berlin', UPLOADED)).toEqual({
      takenAt: '2026-04-30T08:00:00.000Z',
      source: 'upload',
    });
  });

  it('uses the upload time when DateTimeOriginal is not a real date', () => {
    expect(
      takenAtOf({ dateTimeOriginal: '0000:00:00 00:00:00' }, 'Europe/Berlin', UPLOADED).source,
    ).toBe('upload');
    expect(
      takenAtOf({ dateTimeOriginal: '2026:02:30 10:00:00' }, 'Europe/Berlin', UPLOADED).source,
    ).toBe('upload');
  });

  it('uses the upload time when DateTimeOriginal is not a real date, even with an OffsetTimeOriginal', () => {
    expect(
      takenAtOf(
        { dateTimeOriginal: '2026:02:30 10:00:00', offsetTimeOriginal: '+01:00' },
        'Europe/Berlin',
        UPLOADED,
      ),
    ).toEqual({ takenAt: '2026-04-30T08:00:00.000Z', source: 'upload' });
  });

  it('reads a photo taken in the repeated fall-back hour as the first occurrence', () => {
    expect(
      takenAtOf({ dateTimeOriginal: '2026:10:25 02:30:00' }, 'Europe/Berlin', UPLOADED),
    ).toEqual({
      takenAt: '2026-10-25T00:30:00.000Z',
      source: 'exif',
    });
  });

  it('accepts a DateTimeOriginal without seconds', () => {
    expect(
      takenAtOf({ dateTimeOriginal: '2026:04:29 19:12' }, 'Europe/Berlin', UPLOADED).takenAt,
    ).toBe('2026-04-29T17:12:00.000Z');
  });
});
