import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import { PublishInputError } from './errors.ts';
import { iccProfileName } from './icc-profile.ts';

/** What the preparation needs to know about an input image before touching its pixels. */
export interface ImageSource {
  /** sharp's decoder name: jpeg, png, webp, heif, gif, tiff… */
  format: string;
  /** `AVIF` or `HEIC` for heif files, else the upper-cased format. */
  formatName: string;
  /** As displayed: EXIF orientation applied. */
  width: number;
  height: number;
  /** EXIF orientation, 1 when absent. */
  orientation: number;
  progressive: boolean;
  /** sharp's colour space: srgb, cmyk, b-w… */
  space: string;
  channels: number;
  hasAlpha: boolean;
  iccName?: string;
  hasIcc: boolean;
  /** Metadata blocks present: EXIF, XMP, IPTC. */
  metadataBlocks: string[];
  hasGps: boolean;
  hasGainMap: boolean;
  pages: number;
  byteLength: number;
}

/** Reads an image's header with sharp; anything sharp cannot read is refused as unsupported. */
export async function inspectImage(bytes: Uint8Array, label: string): Promise<ImageSource> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (error) {
    throw new PublishInputError(
      'unsupported_format',
      `${label} is not an image this server can read (${messageOf(error)}). Upload a JPEG, PNG, WebP or AVIF file.`,
      { cause: error },
    );
  }
  const blocks = [meta.exif && 'EXIF', meta.xmp && 'XMP', meta.iptc && 'IPTC'].filter(
    (b): b is string => Boolean(b),
  );
  return {
    format: meta.format,
    formatName:
      meta.format === 'heif'
        ? meta.compression === 'av1'
          ? 'AVIF'
          : 'HEIC'
        : meta.format.toUpperCase(),
    width: meta.autoOrient.width,
    height: meta.autoOrient.height,
    orientation: meta.orientation ?? 1,
    progressive: meta.isProgressive,
    space: meta.space,
    channels: meta.channels,
    hasAlpha: meta.hasAlpha,
    ...(meta.icc && { iccName: iccProfileName(meta.icc) }),
    hasIcc: meta.icc !== undefined,
    metadataBlocks: blocks,
    hasGps: (await exifHasGps(meta.exif)) || /GPSLatitude/.test(meta.xmpAsString ?? ''),
    hasGainMap: meta.gainMap !== undefined,
    pages: meta.pages ?? 1,
    byteLength: bytes.byteLength,
  };
}

async function exifHasGps(exif: Buffer | undefined): Promise<boolean> {
  if (!exif) return false;
  // sharp hands over the APP1 payload: "Exif\0\0" then a TIFF structure, which is what exifr reads.
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  try {
    const gps = await exifr.gps(tiff);
    return gps !== undefined && Number.isFinite(gps.latitude);
  } catch {
    return false;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
