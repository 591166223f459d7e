import { createHash } from 'node:crypto';
import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { approvedNow } from '../../guest/index.ts';
import { EVENT_ID } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { jsonError } from '../respond.ts';
import { getServices } from '../services.ts';
import { viewableEvent } from '../viewable-event.ts';

export const prerender = false;

const schema = {
  params: z.object({ event: EVENT_ID }),
  usage: 'GET /api/slideshow/<event id>.',
};

/**
 * GET /api/slideshow/:event → `{ photos: [{ id, src, at, caption?, uploader?, alt? }] }`: the
 * event's guest photos approved now, oldest first, for the live slideshow to poll. Public, like
 * the gallery; `id` is the one the built slideshow gives the same photo. Answers 304 to a
 * matching If-None-Match, so a screen polling an unchanged list gets no body.
 */
export const GET: APIRoute = async (context) => {
  const { event: eventId } = (await parseRequest(schema, context)).params;
  const services = await getServices();
  const event = await viewableEvent(services, eventId);
  if (!event) return jsonError(404, 'not_found', `No event ${eventId}.`);
  const photos = (await approvedNow(services.guestPhotos, event.id)).map((photo) => ({
    id: `guest:${event.id}/${photo.name}`,
    src: `/api/slideshow/${event.id}/${encodeURIComponent(photo.name)}?v=${photo.version}`,
    at: photo.uploadedAt,
    ...(photo.caption && { caption: photo.caption }),
    ...(photo.uploader && { uploader: photo.uploader }),
    ...(photo.alt && { alt: photo.alt }),
  }));
  const body = JSON.stringify({ photos });
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const headers = { etag, 'cache-control': 'no-cache' };
  if (context.request.headers.get('if-none-match') === etag)
    return new Response(null, { status: 304, headers });
  return new Response(body, {
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
};
