import type { ImageMetadata } from 'astro';
import { getImage } from 'astro:assets';

/** The longest side a photo keeps in its one full-size re-encode. */
export const FULL_WIDTH = 2048;

/**
 * A photo's one full-size re-encode (WebP, at most 2048 px wide): what the lightbox opens, the
 * download link saves, and the largest candidate of the WebP fallback. Asked for twice, it is
 * encoded once (same transform, same file).
 */
export function fullImage(image: ImageMetadata) {
  return getImage({ src: image, width: Math.min(image.width, FULL_WIDTH), format: 'webp' });
}
