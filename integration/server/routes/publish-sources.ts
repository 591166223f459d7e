import type { APIRoute } from 'astro';
import sharp from 'sharp';
import { approvedGuestPhotos, guestSource, publishableEvents } from '../../publish/publishable-photos.ts';
import { json, jsonError } from '../respond.ts';

export const prerender = false;

const THUMBNAIL_WIDTH = 240;

/**
 * GET /api/publish/sources?event=<id>: the events, and the approved guest photos of one.
 * GET /api/publish/thumbnail?event=<id>&name=<file>: a 240 px wide WebP of an approved guest photo.
 */
export const GET: APIRoute = async ({ url }) => {
  const path = url.pathname.replace(/\/+$/, '');
  return path.endsWith('/thumbnail') ? thumbnail(url) : sources(url);
};

async function sources(url: URL): Promise<Response> {
  const events = await publishableEvents();
  const eventId = url.searchParams.get('event');
  const photos = eventId ? await approvedGuestPhotos(eventId, events) : [];
  return json({ events: events.map(({ id, title }) => ({ id, title })), photos });
}

async function thumbnail(url: URL): Promise<Response> {
  const eventId = url.searchParams.get('event') ?? '';
  const name = url.searchParams.get('name') ?? '';
  const source = guestSource();
  // Only a name the event's own listing has, and approved: never a path built from the query.
  const photo = (await approvedGuestPhotos(eventId, undefined, source)).find((candidate) => candidate.name === name);
  if (!photo) return jsonError(404, 'not_found', `No approved guest photo ${eventId}/${name}.`);
  const bytes = await source.read(photo.eventId, photo.name);
  const webp = await sharp(bytes).rotate().resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).webp({ quality: 70 }).toBuffer();
  return new Response(new Uint8Array(webp), {
    headers: { 'content-type': 'image/webp', 'cache-control': 'private, max-age=300' },
  });
}
