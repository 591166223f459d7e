import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import sharp from 'sharp';
import { keyOf } from '../../guest/pending-store.ts';
import { EVENT_ID, PHOTO_NAME } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const schema = {
  query: z.looseObject({
    event: EVENT_ID,
    name: PHOTO_NAME,
    size: z
      .string()
      .regex(/^\d{1,5}$/, 'expected a whole number of pixels, 120 to 1600')
      .transform((size) => Math.min(1600, Math.max(120, Number(size))))
      .optional(),
  }),
  usage: 'Name the photo: ?event=<event id>&name=<file name>[&size=<120–1600>].',
};

/** GET /api/admin/moderation/photo?event=&name=&size= → a WebP preview of a guest photo in any state (admin only). */
export const GET: APIRoute = async (context) => {
  const { event, name, size = 360 } = (await parseRequest(schema, context)).query;
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
