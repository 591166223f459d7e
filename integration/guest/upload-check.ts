import exifr from 'exifr';
import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp';
import { assertNoTrailingData, sniffImageType, type GuestImageType } from './image-structure.ts';
import { GuestUploadError } from './upload-errors.ts';

const MiB = 1024 * 1024;

export interface GuestUploadLimits {
  /** The largest file a guest may send. */
  maxBytes: number;
  /** Decoded size: more than this is a decompression bomb, not a photo. */
  maxPixels: number;
}

export const DEFAULT_GUEST_UPLOAD_LIMITS: GuestUploadLimits = {
  maxBytes: 25 * MiB,
  maxPixels: 100_000_000,
};

/** A guest photo that passed the checks: re-encoded, with no location metadata. */
export interface CheckedPhoto {
  bytes: Buffer;
  contentType: string;
  /** The file extension of the stored copy. */
  extension: string;
  width: number;
  height: number;
  /** EXIF DateTimeOriginal as the camera wrote it, kept in the stored copy. */
  dateTimeOriginal?: string;
}

const OUTPUT: Record<
  GuestImageType,
  { extension: string; contentType: string; encode: (image: Sharp) => Sharp }
> = {
  jpeg: {
    extension: 'jpg',
    contentType: 'image/jpeg',
    encode: (image) => image.jpeg({ quality: 90, mozjpeg: true }),
  },
  // HEIC is re-encoded as JPEG: browsers other than Safari cannot show it.
  heic: {
    extension: 'jpg',
    contentType: 'image/jpeg',
    encode: (image) => image.jpeg({ quality: 90, mozjpeg: true }),
  },
  png: { extension: 'png', contentType: 'image/png', encode: (image) => image.png() },
  webp: {
    extension: 'webp',
    contentType: 'image/webp',
    encode: (image) => image.webp({ quality: 90 }),
  },
};

/**
 * Checks a guest upload by its bytes and returns the copy to store: a JPEG, PNG, WebP or HEIC
 * (by its first bytes, whatever its name), nothing after the image's end, within the size and
 * pixel limits (read from the header before any pixel is decoded), then decoded and re-encoded
 * so that only pixels, the colour profile and the capture time survive: GPS and every other
 * metadata block (XMP, IPTC, maker notes) are gone.
 */
export async function checkGuestUpload(
  bytes: Uint8Array,
  label: string,
  limits: GuestUploadLimits = DEFAULT_GUEST_UPLOAD_LIMITS,
): Promise<CheckedPhoto> {
  if (bytes.byteLength === 0)
    throw new GuestUploadError('empty_file', `${label} is empty. Choose the photo again.`);
  if (bytes.byteLength > limits.maxBytes) throw tooLarge(label, bytes.byteLength, limits.maxBytes);
  const type = sniffImageType(bytes);
  if (!type)
    throw new GuestUploadError(
      'not_an_image',
      `${label} is not a photo this site takes. Upload a JPEG, PNG, WebP or HEIC image.`,
      415,
    );
  assertNoTrailingData(bytes, type, label);
  const meta = await headerOf(bytes, label, type);
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > limits.maxPixels) {
    throw new GuestUploadError(
      'too_many_pixels',
      `${label} is ${meta.width}×${meta.height} pixels; photos may have at most ${limits.maxPixels / 1e6} megapixels. Upload a smaller photo.`,
      413,
    );
  }
  if ((meta.pages ?? 1) > 1)
    throw new GuestUploadError(
      'not_a_photo',
      `${label} has ${meta.pages} frames; upload a single photo.`,
    );
  const exif = await captureTime(bytes);
  return reencode(bytes, type, label, limits, exif);
}

export function tooLarge(label: string, bytes: number, maxBytes: number): GuestUploadError {
  return new GuestUploadError(
    'file_too_large',
    `${label} is ${mib(bytes)} MiB; photos may be at most ${mib(maxBytes)} MiB.`,
    413,
  );
}

async function headerOf(bytes: Uint8Array, label: string, type: GuestImageType): Promise<Metadata> {
  try {
    return await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    // sharp's prebuilt libvips reads HEIF containers but often lacks an HEVC decoder.
    const hint =
      type === 'heic'
        ? 'This server cannot decode this HEIC photo: set the camera to "Most Compatible" or share it as JPEG.'
        : 'Upload the original photo.';
    throw new GuestUploadError(
      'broken_image',
      `${label} could not be read as an image. ${hint}`,
      type === 'heic' ? 415 : 422,
    );
  }
}

async function captureTime(
  bytes: Uint8Array,
): Promise<{ DateTimeOriginal?: string; OffsetTimeOriginal?: string }> {
  try {
    const tags = await exifr.parse(bytes, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal'],
      reviveValues: false,
    });
    const kept: { DateTimeOriginal?: string; OffsetTimeOriginal?: string } = {};
    if (
      typeof tags?.DateTimeOriginal === 'string' &&
      /^\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}$/.test(tags.DateTimeOriginal)
    )
      kept.DateTimeOriginal = tags.DateTimeOriginal;
    if (
      kept.DateTimeOriginal &&
      typeof tags?.OffsetTimeOriginal === 'string' &&
      /^[+-]\d{2}:\d{2}$/.test(tags.OffsetTimeOriginal)
    )
      kept.OffsetTimeOriginal = tags.OffsetTimeOriginal;
    return kept;
  } catch {
    return {};
  }
}

async function reencode(
  bytes: Uint8Array,
  type: GuestImageType,
  label: string,
  limits: GuestUploadLimits,
  exif: Record<string, string>,
): Promise<CheckedPhoto> {
  const output = OUTPUT[type];
  let image = sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' })
    .rotate()
    .keepIccProfile();
  image = output.encode(image);
  if (exif.DateTimeOriginal) image = image.withExif({ IFD2: exif }); // IFD2: the EXIF sub-IFD
  let result: { data: Buffer; info: OutputInfo };
  try {
    result = await image.toBuffer({ resolveWithObject: true });
  } catch {
    throw new GuestUploadError(
      'broken_image',
      `${label} could not be decoded as an image. Upload the original photo.`,
    );
  }
  if (await exifr.gps(result.data).catch(() => undefined))
    throw new Error(`${label}: location metadata survived re-encoding`);
  return {
    bytes: result.data,
    contentType: output.contentType,
    extension: output.extension,
    width: result.info.width,
    height: result.info.height,
    ...(exif.DateTimeOriginal && { dateTimeOriginal: exif.DateTimeOriginal }),
  };
}

const mib = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;
