import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { findLiveItem, liveRuntime, pictureUrl } from '../../live/server.ts';
import { EVENT_ID, MEDIA_ID } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const schema = {
  params: z.object({ event: EVENT_ID, item: MEDIA_ID }),
  usage: 'GET /g/<event id>/live/media/<media id>, as the live page of the event links it.',
};

/**
 * GET /g/:event/live/media/:item → the picture (a video's poster) of a post in the event's live
 * gallery, from the server's bounded cache or downloaded from Instagram's CDN once: the live
 * page never shows a CDN URL. Only items of posts the live page shows now (a live, non-private
 * event, the post matching it); anything else is a 404.
 */
export const GET: APIRoute = async (context) => {
  const { event: eventId, item: itemId } = (await parseRequest(schema, context)).params;
  const live = liveRuntime((await getServices()).options);
  const found = await live.eventState(eventId);
  if (found.state !== 'live')
    return jsonError(404, 'not_found', `No live gallery ${eventId} now: see /g/${eventId}/.`);
  const { sinceMs } = await live.live();
  const snapshot = await live.feed.posts(sinceMs).catch(() => undefined);
  if (!snapshot)
    return jsonError(
      503,
      'unavailable',
      'Instagram could not be read yet: try again in a minute.',
      {
        'retry-after': String(Math.ceil(live.settings.ttlMs / 1000)),
      },
    );
  const item = findLiveItem(snapshot.posts, found.event, itemId);
  const url = item && pictureUrl(item);
  if (!url)
    return jsonError(404, 'not_found', `No picture ${itemId} in the live gallery ${eventId}.`);
  const picture = await live.media.get(itemId, url).catch(() => undefined);
  if (!picture)
    return jsonError(
      502,
      'media_unavailable',
      `The picture ${itemId} could not be fetched from Instagram: try again later.`,
    );
  return new Response(new Uint8Array(picture.bytes), {
    headers: {
      'content-type': picture.contentType,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    },
  });
};
