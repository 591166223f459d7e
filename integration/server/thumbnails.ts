import sharp from 'sharp';
import { redact } from '../graph/index.ts';
import { downloadMedia } from '../media/download.ts';
import { jsonError } from './respond.ts';

const THUMBNAIL_WIDTH = 240;

/** A 240 px wide WebP of a picture, cached privately for 5 minutes. */
export async function webpThumbnail(bytes: Uint8Array): Promise<Response> {
  const webp = await sharp(bytes)
    .rotate()
    .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer();
  return new Response(new Uint8Array(webp), {
    headers: { 'content-type': 'image/webp', 'cache-control': 'private, max-age=300' },
  });
}

/** An Instagram CDN picture fetched by the server and answered as our own thumbnail: pages never hold a CDN URL. */
export async function proxiedThumbnail(pictureUrl: string, what: string): Promise<Response> {
  try {
    return await webpThumbnail(
      (await downloadMedia(pictureUrl, { maxBytes: 50 * 1024 * 1024, accept: /^image\// })).bytes,
    );
  } catch (error) {
    return jsonError(
      502,
      'instagram_unavailable',
      `${what} could not be read: ${redact(error instanceof Error ? error.message : String(error))}`,
    );
  }
}
