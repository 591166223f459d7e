import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import sharp from 'sharp';
import { approvedPhotoBytes } from '../../guest/index.ts';
import { EVENT_ID, PHOTO_NAME } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { jsonError } from '../respond.ts';
import { getServices } from '../services.ts';
import { viewableEvent } from '../viewable-event.ts';

export const prerender = false;

/** A full-HD screen's longest side: what a slide needs, at a fraction of a camera file's bytes. */
const SLIDE_SIZE = 1920;

const schema = {
  params: z.object({ event: EVENT_ID, name: PHOTO_NAME }),
  query: z.looseObject({ v: z.string().max(40, 'expected the version the list gave').optional() }),
  usage: 'GET /api/slideshow/<event id>/<file name>, as GET /api/slideshow/<event id> lists them.',
};

/**
 * GET /api/slideshow/:event/:name → the approved guest photo as a JPEG of at most 1920 px,
 * upright and without metadata (sharp keeps none). A pending, rejected or missing photo is a
 * 404, whatever the caller knows of its name. JPEG rather than WebP: every TV browser shows it.
 */
export const GET: APIRoute = async (context) => {
  const { event: eventId, name } = (await parseRequest(schema, context)).params;
  const services = await getServices();
  const event = await viewableEvent(services, eventId);
  const bytes = event && (await approvedPhotoBytes(services.guestPhotos, event.id, name));
  if (!bytes) return jsonError(404, 'not_found', `No approved guest photo ${name} in ${eventId}.`);
  const slide = await sharp(bytes)
    .rotate()
    .resize(SLIDE_SIZE, SLIDE_SIZE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 82 })
    .toBuffer();
  // Short-lived: a photo un-approved by mistake leaves the screens within a minute.
  return new Response(new Uint8Array(slide), {
    headers: { 'content-type': 'image/jpeg', 'cache-control': 'public, max-age=60' },
  });
};
