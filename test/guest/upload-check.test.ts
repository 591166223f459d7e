import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { checkGuestUpload } from '../../integration/guest/upload-check.ts';
import {
  jpegScriptPolyglot,
  jpegZipPolyglot,
  photoWithGps,
  plainPng,
  pngBomb,
  TEXT_AS_JPEG,
} from '../helpers/guest-files.ts';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { code: string; message: string }) => error,
  );

describe('a guest upload is checked by its bytes', () => {
  it('keeps DateTimeOriginal and removes every location tag of a phone photo', async () => {
    const original = await photoWithGps();
    expect(await exifr.gps(original)).toMatchObject({ latitude: expect.any(Number) });
    const checked = await checkGuestUpload(original, 'IMG_1.jpg');
    const tags = await exifr.parse(checked.bytes, {
      tiff: true,
      exif: true,
      gps: true,
      xmp: true,
      iptc: true,
      reviveValues: false,
    });
    expect(tags.DateTimeOriginal).toBe('2026:12:05 15:30:00');
    expect(tags.OffsetTimeOriginal).toBe('+01:00');
    expect(Object.keys(tags).filter((tag) => /^GPS|latitude|longitude/i.test(tag))).toEqual([]);
    expect(tags.Make).toBeUndefined();
    expect(await exifr.gps(checked.bytes)).toBeUndefined();
    expect(checked).toMatchObject({
      contentType: 'image/jpeg',
      extension: 'jpg',
      width: 640,
      height: 480,
      dateTimeOriginal: '2026:12:05 15:30:00',
    });
  });

  it('takes a PNG and keeps it a PNG', async () => {
    const checked = await checkGuestUpload(await plainPng(), 'shot.png');
    expect(checked).toMatchObject({
      contentType: 'image/png',
      extension: 'png',
      width: 320,
      height: 240,
    });
  });

  it('refuses a text file named .jpg', async () => {
    expect(await refusal(checkGuestUpload(TEXT_AS_JPEG, 'notes.jpg'))).toMatchObject({
      code: 'not_an_image',
      message: expect.stringContaining('notes.jpg is not a photo'),
    });
  });

  it('refuses a JPEG followed by a ZIP archive', async () => {
    expect(await refusal(checkGuestUpload(await jpegZipPolyglot(), 'zip.jpg'))).toMatchObject({
      code: 'trailing_data',
      message: expect.stringContaining('other data after the image'),
    });
  });

  it('refuses a JPEG followed by a script', async () => {
    expect(await refusal(checkGuestUpload(await jpegScriptPolyglot(), 'script.jpg'))).toMatchObject(
      { code: 'trailing_data' },
    );
  });

  it('refuses a 30000×30000 PNG from its header, without decoding it', async () => {
    const bomb = pngBomb();
    expect(bomb.byteLength).toBeLessThan(200_000);
    const started = performance.now();
    expect(await refusal(checkGuestUpload(bomb, 'bomb.png'))).toMatchObject({
      code: 'too_many_pixels',
      message: expect.stringContaining('30000×30000'),
    });
    // Decoding 900 megapixels would take far longer; the bound only leaves room for a loaded machine.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses a file over the size limit', async () => {
    const photo = await photoWithGps();
    expect(
      await refusal(checkGuestUpload(photo, 'big.jpg', { maxBytes: 1000, maxPixels: 1e8 })),
    ).toMatchObject({ code: 'file_too_large', message: expect.stringContaining('at most') });
  });

  it('refuses a truncated JPEG', async () => {
    const photo = await photoWithGps();
    expect(
      await refusal(checkGuestUpload(photo.subarray(0, photo.length / 2), 'cut.jpg')),
    ).toMatchObject({ code: 'broken_image' });
  });
});
