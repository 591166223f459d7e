import type { Sharp } from 'sharp';
import { PublishInputError } from './errors.ts';

/**
 * Instagram re-encodes every upload, so 90 hands it a visually lossless source; lower steps are
 * only tried when a file would exceed the size limit (noise, film grain at 1440×1800).
 */
export const JPEG_QUALITIES = [90, 80, 70, 60, 50, 40] as const;

export interface EncodedJpeg {
  bytes: Uint8Array;
  quality: number;
}

/**
 * Encodes as a baseline (non-progressive) JPEG, lowering the quality step by step until the
 * file fits `maxBytes`. Progressive JPEGs are reported to fail on Instagram, so never progressive.
 */
export async function encodeJpegWithin(
  image: Sharp,
  maxBytes: number,
  label: string,
): Promise<EncodedJpeg> {
  let smallest = Infinity;
  for (const quality of JPEG_QUALITIES) {
    const bytes = await image
      .clone()
      .jpeg({ quality, progressive: false, optimiseCoding: true, mozjpeg: false })
      .toBuffer();
    if (bytes.byteLength <= maxBytes)
      return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), quality };
    smallest = Math.min(smallest, bytes.byteLength);
  }
  const lowest = JPEG_QUALITIES[JPEG_QUALITIES.length - 1];
  throw new PublishInputError(
    'image_too_large',
    `${label} is still ${formatMiB(smallest)} as a JPEG at quality ${lowest}; Instagram accepts at most ${formatMiB(maxBytes)}. Use a smaller or less noisy picture.`,
  );
}

/** "8 MiB", "11.71 MiB". */
export function formatMiB(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(2))} MiB`;
}
