import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { PublishInputError, prepareImage } from '../../integration/publish/prepare/index.ts';
import { BERLIN_GPS, binaryNoise, jpeg, metadataOf, pixelAt, solidImage } from './images.ts';

const MiB = 1024 * 1024;

describe('converting to a baseline sRGB JPEG', () => {
  it('converts a PNG to a baseline sRGB JPEG', async () => {
    const png = await solidImage(800, 600).png().toBuffer();
    const result = await prepareImage(png, { fit: 'refuse' });
    const meta = await metadataOf(result.bytes);
    expect(meta).toMatchObject({
      format: 'jpeg',
      isProgressive: false,
      space: 'srgb',
      width: 800,
      height: 600,
    });
    expect(result.changes).toContain('converted PNG to JPEG');
  });

  it('converts WebP with transparency, flattening it onto white', async () => {
    const webp = await solidImage(400, 400).ensureAlpha(0).webp().toBuffer();
    const result = await prepareImage(webp, { fit: 'refuse' });
    expect((await metadataOf(result.bytes)).format).toBe('jpeg');
    expect(result.changes).toEqual(['converted WEBP to JPEG', 'flattened transparency onto white']);
    const [r, g, b] = await pixelAt(result.bytes, 200, 200);
    expect(Math.min(r, g, b)).toBeGreaterThan(245);
  });

  it('re-encodes a progressive JPEG as baseline', async () => {
    const progressive = await jpeg(800, 600, { progressive: true });
    expect((await metadataOf(progressive)).isProgressive).toBe(true);
    const result = await prepareImage(progressive, { fit: 'refuse' });
    expect((await metadataOf(result.bytes)).isProgressive).toBe(false);
    expect(result.changes).toEqual(['converted progressive JPEG to baseline']);
  });

  it('converts a CMYK JPEG to sRGB', async () => {
    const cmyk = await solidImage(600, 600).toColourspace('cmyk').jpeg().toBuffer();
    expect((await metadataOf(cmyk)).space).toBe('cmyk');
    const result = await prepareImage(cmyk, { fit: 'refuse' });
    const meta = await metadataOf(result.bytes);
    expect(meta).toMatchObject({ space: 'srgb', channels: 3 });
    expect(result.changes).toContain('converted CMYK to sRGB');
    const [r, g, b] = await pixelAt(result.bytes, 300, 300);
    expect(r).toBeGreaterThan(g + 80); // still the red it was, not inverted or grey
    expect(r).toBeGreaterThan(b + 80);
  });

  it('converts a Display P3 JPEG to sRGB and drops the profile', async () => {
    const p3 = await solidImage(600, 600).withIccProfile('p3').jpeg().toBuffer();
    const result = await prepareImage(p3, { fit: 'refuse' });
    expect(result.changes).toEqual([
      expect.stringMatching(/^converted colour profile ".+" to sRGB$/),
    ]);
    expect((await metadataOf(result.bytes)).hasProfile).toBe(false);
    const [r, g, b] = await pixelAt(result.bytes, 300, 300);
    expect(Math.abs(r - 200) + Math.abs(g - 60) + Math.abs(b - 40)).toBeLessThan(12);
  });

  it('returns a compliant JPEG unchanged, byte for byte', async () => {
    const input = await jpeg(1080, 1080);
    const result = await prepareImage(input, { fit: 'refuse' });
    expect(result.changes).toEqual([]);
    expect(result.bytes).toBe(input);
    expect(result).toMatchObject({ width: 1080, height: 1080 });
  });

  it('refuses bytes that are not an image, saying what it accepts', async () => {
    const error = await prepareImage(new TextEncoder().encode('%PDF-1.7 not a photo'), {
      fit: 'refuse',
      label: 'image 1 of 2 (flyer.pdf)',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishInputError);
    expect(error).toMatchObject({ code: 'unsupported_format' });
    expect((error as Error).message).toMatch(
      /^image 1 of 2 \(flyer\.pdf\) is not an image this server can read .*Upload a JPEG, PNG, WebP or AVIF file\.$/,
    );
  });
});

describe('orientation and size', () => {
  it('applies EXIF orientation 6 to the pixels', async () => {
    // Stored 500×400 with a red left half; orientation 6 shows it rotated 90° clockwise: 400×500, red on top.
    const stored = await solidImage(500, 400, { r: 0, g: 0, b: 255 })
      .composite([
        {
          input: await solidImage(250, 400, { r: 255, g: 0, b: 0 }).png().toBuffer(),
          left: 0,
          top: 0,
        },
      ])
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const result = await prepareImage(stored, { fit: 'refuse' });
    const meta = await metadataOf(result.bytes);
    expect([meta.width, meta.height, meta.orientation ?? 1]).toEqual([400, 500, 1]);
    expect(result.changes).toContain('applied EXIF orientation 6 (rotated 90° clockwise)');
    expect((await pixelAt(result.bytes, 200, 60))[0]).toBeGreaterThan(200);
    expect((await pixelAt(result.bytes, 200, 440))[2]).toBeGreaterThan(200);
  });

  it('scales a 4000 px wide picture down to 1440 px', async () => {
    const result = await prepareImage(await jpeg(4000, 3000), { fit: 'refuse' });
    expect(result).toMatchObject({ width: 1440, height: 1080 });
    expect(await metadataOf(result.bytes)).toMatchObject({ width: 1440, height: 1080 });
    expect(result.changes).toEqual(['resized 4000→1440 px wide']);
  });

  it('scales a 200 px wide picture up to 320 px', async () => {
    const result = await prepareImage(await jpeg(200, 150), { fit: 'refuse' });
    expect(result).toMatchObject({ width: 320, height: 240 });
    expect(result.changes).toEqual(['resized 200→320 px wide']);
  });

  it('brings a noisy 1440×1800 JPEG of more than 8 MiB under 8 MiB', async () => {
    // Unoptimised Huffman tables at quality 100 with full-resolution colour: ~11.7 MiB of noise.
    const huge = await binaryNoise(1440, 1800)
      .jpeg({ quality: 100, chromaSubsampling: '4:4:4', optimiseCoding: false })
      .toBuffer();
    expect(huge.byteLength).toBeGreaterThan(8 * MiB);
    const result = await prepareImage(huge, { fit: 'refuse' });
    expect(result.bytes.byteLength).toBeLessThanOrEqual(8 * MiB);
    expect(await metadataOf(result.bytes)).toMatchObject({
      format: 'jpeg',
      width: 1440,
      height: 1800,
    });
    expect(result.changes).toEqual([
      expect.stringMatching(
        /^re-encoded the 1\d(\.\d+)? MiB file at JPEG quality 90 to stay within 8 MiB$/,
      ),
    ]);
  });
});

describe('metadata', () => {
  async function photoWithGps(): Promise<Uint8Array> {
    return solidImage(1200, 900).withExif(BERLIN_GPS).jpeg().toBuffer();
  }

  it('removes the GPS location and all other metadata by default', async () => {
    const input = await photoWithGps();
    expect((await exifr.gps(input))?.latitude).toBeCloseTo(52.5167, 3);
    const result = await prepareImage(input, { fit: 'refuse' });
    expect(await exifr.gps(result.bytes)).toBeUndefined();
    expect(await exifr.parse(result.bytes)).toBeUndefined();
    const meta = await metadataOf(result.bytes);
    expect([meta.exif, meta.xmp, meta.iptc, meta.icc]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(result.changes).toEqual(['removed GPS location', 'removed EXIF metadata']);
  });

  it('keeps the EXIF block, location included, with stripGps: false, without rotating twice', async () => {
    const input = await solidImage(3000, 4000)
      .withExif(BERLIN_GPS)
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const result = await prepareImage(input, { fit: 'refuse', stripGps: false });
    expect((await exifr.gps(result.bytes))?.latitude).toBeCloseTo(52.5167, 3);
    expect(await metadataOf(result.bytes)).toMatchObject({
      width: 1440,
      height: 1080,
      orientation: 1,
    });
    expect(result.changes).toEqual([
      'applied EXIF orientation 6 (rotated 90° clockwise)',
      'resized 4000→1440 px wide',
    ]);
  });
});

describe('aspect ratio', () => {
  it('refuses a 3:1 picture with its exact size and ratio, and says how to fix it', async () => {
    const error = await prepareImage(await jpeg(3000, 1000), {
      fit: 'refuse',
      label: 'image 3 of 4 (wide.jpg)',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishInputError);
    expect(error).toMatchObject({
      code: 'aspect_ratio',
      message:
        'image 3 of 4 (wide.jpg) is 3000×1000, an aspect ratio of 3.00:1; Instagram accepts 4:5 (0.80) to 1.91:1. Crop or pad it (fit: "crop" | "pad").',
    });
  });

  it('refuses a ratio that only rounds to the limit, showing the extra decimal', async () => {
    const error = await prepareImage(await jpeg(1913, 1000), { fit: 'refuse' }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain('1913×1000, an aspect ratio of 1.913:1');
  });

  it('accepts exactly 1.91:1 and exactly 4:5', async () => {
    expect((await prepareImage(await jpeg(1146, 600), { fit: 'refuse' })).changes).toEqual([]);
    expect((await prepareImage(await jpeg(800, 1000), { fit: 'refuse' })).changes).toEqual([]);
  });

  it('centre-crops a 3:1 picture to 1.91:1', async () => {
    // Red centre band 1000 px wide on blue: the crop must keep the middle.
    const input = await solidImage(3000, 1000, { r: 0, g: 0, b: 255 })
      .composite([
        {
          input: await solidImage(1000, 1000, { r: 255, g: 0, b: 0 }).png().toBuffer(),
          left: 1000,
          top: 0,
        },
      ])
      .jpeg()
      .toBuffer();
    const result = await prepareImage(input, { fit: 'crop' });
    expect(result.width).toBe(1440);
    expect(Math.abs(result.height - 1440 / 1.91)).toBeLessThanOrEqual(1);
    expect(result.width / result.height).toBeLessThanOrEqual(1.91);
    expect(result.changes).toEqual(['cropped 3.00:1 to 1.91:1', 'resized 1910→1440 px wide']);
    expect((await pixelAt(result.bytes, 720, 377))[0]).toBeGreaterThan(200);
    expect((await pixelAt(result.bytes, 5, 377))[2]).toBeGreaterThan(200);
  });

  it('letterboxes a 3:1 picture to 1.91:1 with white bars above and below', async () => {
    const result = await prepareImage(await jpeg(3000, 1000), { fit: 'pad' });
    expect(result.width).toBe(1440);
    expect(Math.abs(result.height - 1440 / 1.91)).toBeLessThanOrEqual(1);
    expect(result.changes).toEqual([
      'padded 3.00:1 to 1.91:1 with white',
      'resized 3000→1440 px wide',
    ]);
    expect(await pixelAt(result.bytes, 720, 2)).toEqual([255, 255, 255]);
    expect((await pixelAt(result.bytes, 720, 377))[0]).toBeGreaterThan(180);
  });

  it('crops a 2:3 portrait to 4:5', async () => {
    const result = await prepareImage(await jpeg(1000, 1500), { fit: 'crop' });
    expect(result).toMatchObject({ width: 1000, height: 1250 });
    expect(await metadataOf(result.bytes)).toMatchObject({ width: 1000, height: 1250 });
    expect(result.changes).toEqual(['cropped 0.67:1 to 0.80:1']);
  });

  it('pads a 2:3 portrait to 4:5 with the given colour at the sides', async () => {
    const result = await prepareImage(await jpeg(1000, 1500), { fit: 'pad', padColor: '#000000' });
    expect(result).toMatchObject({ width: 1200, height: 1500 });
    expect(result.changes).toEqual(['padded 0.67:1 to 0.80:1 with #000000']);
    expect(await pixelAt(result.bytes, 3, 750)).toEqual([0, 0, 0]);
  });

  it('publishes a 9:16 story image as it is, and only warns about a landscape one', async () => {
    const tall = await prepareImage(await jpeg(1080, 1920), { fit: 'refuse', target: 'story' });
    expect(tall).toMatchObject({ width: 1080, height: 1920, changes: [], warnings: [] });
    const wide = await prepareImage(await jpeg(3000, 2000), {
      fit: 'refuse',
      target: 'story',
      label: 'story.jpg',
    });
    expect(wide).toMatchObject({
      width: 1440,
      height: 960,
      changes: ['resized 3000→1440 px wide'],
    });
    expect(wide.warnings).toEqual([
      'story.jpg is 3000×2000 (1.50:1); Instagram shows stories at 9:16, so it will be letterboxed or cropped.',
    ]);
  });
});
