import type { APIRoute } from 'astro';
import sharp from 'sharp';
import { keyOf } from '../../guest/pending-store.ts';
import { jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** GET /api/admin/moderation/photo?event=&name=&size= → a WebP preview of a guest photo in any state (admin only). */
export const GET: APIRoute = async ({ url }) => {
  const event = url.searchParams.get('event') ?? '';
  const name = url.searchParams.get('name') ?? '';
  const size = Math.min(1600, Math.max(120, Number(url.searchParams.get('size')) || 360));
  if (!/^[a-z0-9][a-z0-9-]*$/.test(event) || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))
    return jsonError(400, 'invalid_request', 'Name the photo: ?event=&name=.');
  const { guestPhotos } = await getServices();
  const status = await guestPhotos.locate(event, name);
  const bytes = status && (await guestPhotos.storage.get(keyOf(event, status, name)));
  if (!bytes) return jsonError(404, 'not_found', `No guest photo ${name} in ${event}.`);
  const preview = await sharp(bytes)
    .rotate()
    .resize(size, size, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
  return new Response(new Uint8Array(preview), {
    headers: { 'content-type': 'image/webp', 'cache-control': 'private, max-age=300' },
  });
};
