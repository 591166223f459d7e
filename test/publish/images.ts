import sharp, { type JpegOptions, type Metadata, type Sharp } from 'sharp';

/** A solid-colour picture, to be encoded in whatever format a test needs. */
export function solidImage(
  width: number,
  height: number,
  background = { r: 200, g: 60, b: 40 },
): Sharp {
  return sharp({ create: { width, height, channels: 3, background } });
}

export async function jpeg(
  width: number,
  height: number,
  options: JpegOptions = {},
): Promise<Uint8Array> {
  return solidImage(width, height).jpeg(options).toBuffer();
}

/** Every channel of every pixel 0 or 255 at random: the worst case for JPEG compression. */
export function binaryNoise(width: number, height: number): Sharp {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.random() < 0.5 ? 0 : 255;
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/** EXIF GPS tags for Berlin (52°31′ N, 13°24′ E), as sharp writes them. */
export const BERLIN_GPS = {
  IFD0: { Make: 'TestCam', Model: 'One' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '52/1 31/1 0/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '13/1 24/1 0/1',
  },
};

export async function metadataOf(bytes: Uint8Array): Promise<Metadata> {
  return sharp(bytes).metadata();
}

/** The sRGB colour of the pixel at x, y. */
export async function pixelAt(
  bytes: Uint8Array,
  x: number,
  y: number,
): Promise<[number, number, number]> {
  const { data, info } = await sharp(bytes)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}
