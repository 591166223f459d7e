import { describe, expect, it } from 'vitest';
import {
  encodeJpegWithin,
  JPEG_QUALITIES,
  PublishInputError,
} from '../../integration/publish/prepare/index.ts';
import { binaryNoise, metadataOf } from './images.ts';

describe('encoding within a byte budget', () => {
  const noise = binaryNoise(400, 400);

  it('starts at quality 90 when the file fits', async () => {
    const encoded = await encodeJpegWithin(noise, 8 * 1024 * 1024, 'the image');
    expect(encoded.quality).toBe(90);
    expect(await metadataOf(encoded.bytes)).toMatchObject({ format: 'jpeg', isProgressive: false });
  });

  it('lowers the quality step by step until the file fits', async () => {
    const atNinety = (await encodeJpegWithin(noise, Infinity, 'the image')).bytes.byteLength;
    const encoded = await encodeJpegWithin(noise, atNinety - 1, 'the image');
    expect(encoded.quality).toBe(80);
    expect(encoded.bytes.byteLength).toBeLessThan(atNinety);
  });

  it('refuses with the smallest size reached when even the lowest quality is too big', async () => {
    const error = await encodeJpegWithin(noise, 10_000, 'image 2 of 3 (grain.png)').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PublishInputError);
    expect(error).toMatchObject({ code: 'image_too_large' });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^image 2 of 3 \\(grain\\.png\\) is still \\d+\\.\\d\\d MiB as a JPEG at quality ${JPEG_QUALITIES.at(-1)}; Instagram accepts at most 0\\.01 MiB\\. Use a smaller or less noisy picture\\.$`,
      ),
    );
  });
});
