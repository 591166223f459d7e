import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { getMedia, redact } from '../../graph/index.ts';
import { eventPostItems, type EventPostItem } from '../../publish/event-posts.ts';
import {
  approvedGuestPhotos,
  guestSource,
  publishableEvents,
} from '../../publish/publishable-photos.ts';
import { ACCOUNT_ID, EVENT_ID, MEDIA_ID, PHOTO_NAME } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';
import { proxiedThumbnail, webpThumbnail } from '../thumbnails.ts';

export const prerender = false;

const schema = {
  query: z.looseObject({
    event: EVENT_ID.or(z.literal('')).optional(),
    account: ACCOUNT_ID.or(z.literal('')).optional(),
    name: PHOTO_NAME.optional(),
    media: MEDIA_ID.optional(),
  }),
  usage:
    'Send ?event=<event id>[&account=<Instagram user id>], or for a thumbnail ?event=&name= or ?account=&media=.',
};
type Query = z.output<typeof schema.query>;

/**
 * GET /api/publish/sources?event=<id>[&account=<id>]: the events; the approved guest photos of
 * one; and, with a connected account, its Instagram posts in that event's window.
 * GET /api/publish/thumbnail?event=<id>&name=<file>: a 240 px WebP of an approved guest photo.
 * GET /api/publish/thumbnail?account=<id>&media=<id>: the same of one of the account's posts
 * (proxied: the page never holds an Instagram CDN URL).
 */
export const GET: APIRoute = async (context) => {
  const { query } = await parseRequest(schema, context);
  const path = context.url.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/thumbnail')) return sources(query);
  return query.media !== undefined ? instagramThumbnail(query) : guestThumbnail(query);
};

async function sources(query: Query): Promise<Response> {
  const { options } = await getServices();
  const events = await publishableEvents(options);
  const event = events.find((candidate) => candidate.id === query.event);
  const photos = event ? await approvedGuestPhotos(event.id, events, guestSource(options)) : [];
  const account = query.account;
  const posts = event && account ? await postsOf(account, event) : { posts: [] };
  return json({ events: events.map(({ id, title }) => ({ id, title })), photos, ...posts });
}

async function postsOf(
  account: string,
  event: Parameters<typeof eventPostItems>[2],
): Promise<{ posts: EventPostItem[]; postsError?: string }> {
  const client = await (await getServices()).clientFor(account);
  if (!client) return { posts: [], postsError: `Account ${account} is not connected.` };
  try {
    return { posts: await eventPostItems(client, account, event) };
  } catch (error) {
    return {
      posts: [],
      postsError: `Instagram posts could not be read: ${redact(error instanceof Error ? error.message : String(error))}`,
    };
  }
}

async function guestThumbnail(query: Query): Promise<Response> {
  const eventId = query.event ?? '';
  const name = query.name ?? '';
  const { options } = await getServices();
  const source = guestSource(options);
  // Only a name the event's own listing has, and approved: never a path built from the query.
  const photo = (await approvedGuestPhotos(eventId, await publishableEvents(options), source)).find(
    (candidate) => candidate.name === name,
  );
  if (!photo) return jsonError(404, 'not_found', `No approved guest photo ${eventId}/${name}.`);
  return webpThumbnail(await source.read(photo.eventId, photo.name));
}

async function instagramThumbnail(query: Query): Promise<Response> {
  const account = query.account ?? '';
  const mediaId = query.media ?? '';
  const client = account ? await (await getServices()).clientFor(account) : undefined;
  if (!client)
    return jsonError(404, 'not_found', `No media ${mediaId} of a connected account ${account}.`);
  const media = await getMedia(client, mediaId, 'id,media_type,media_url,thumbnail_url').catch(
    (error: unknown) => error as Error,
  );
  // Graph error 100 (subcode 33): no such object, or not one this token may read.
  if (media instanceof Error && (media as { code?: number }).code === 100)
    return jsonError(404, 'not_found', `No media ${mediaId} of the account ${account}.`);
  if (media instanceof Error)
    return jsonError(
      502,
      'instagram_unavailable',
      `Media ${mediaId} could not be read: ${redact(media.message)}`,
    );
  const picture = media.media_type === 'VIDEO' ? media.thumbnail_url : media.media_url;
  if (!picture) return jsonError(404, 'not_found', `Media ${mediaId} has no picture to show.`);
  return proxiedThumbnail(picture, `Media ${mediaId}`);
}
