import type { APIRoute } from 'astro';
import { getMedia, redact } from '../../graph/index.ts';
import { eventPostItems, type EventPostItem } from '../../publish/event-posts.ts';
import {
  approvedGuestPhotos,
  guestSource,
  publishableEvents,
} from '../../publish/publishable-photos.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';
import { proxiedThumbnail, webpThumbnail } from '../thumbnails.ts';

export const prerender = false;

const MEDIA_ID = /^\d{1,30}$/;

/**
 * GET /api/publish/sources?event=<id>[&account=<id>]: the events; the approved guest photos of
 * one; and, with a connected account, its Instagram posts in that event's window.
 * GET /api/publish/thumbnail?event=<id>&name=<file>: a 240 px WebP of an approved guest photo.
 * GET /api/publish/thumbnail?account=<id>&media=<id>: the same of one of the account's posts
 * (proxied: the page never holds an Instagram CDN URL).
 */
export const GET: APIRoute = async ({ url }) => {
  const path = url.pathname.replace(/\/+$/, '');
  if (!path.endsWith('/thumbnail')) return sources(url);
  return url.searchParams.has('media') ? instagramThumbnail(url) : guestThumbnail(url);
};

async function sources(url: URL): Promise<Response> {
  const { options } = await getServices();
  const events = await publishableEvents(options);
  const event = events.find((candidate) => candidate.id === url.searchParams.get('event'));
  const photos = event ? await approvedGuestPhotos(event.id, events, guestSource(options)) : [];
  const account = url.searchParams.get('account');
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

async function guestThumbnail(url: URL): Promise<Response> {
  const eventId = url.searchParams.get('event') ?? '';
  const name = url.searchParams.get('name') ?? '';
  const { options } = await getServices();
  const source = guestSource(options);
  // Only a name the event's own listing has, and approved: never a path built from the query.
  const photo = (await approvedGuestPhotos(eventId, await publishableEvents(options), source)).find(
    (candidate) => candidate.name === name,
  );
  if (!photo) return jsonError(404, 'not_found', `No approved guest photo ${eventId}/${name}.`);
  return webpThumbnail(await source.read(photo.eventId, photo.name));
}

async function instagramThumbnail(url: URL): Promise<Response> {
  const account = url.searchParams.get('account') ?? '';
  const mediaId = url.searchParams.get('media') ?? '';
  const client = MEDIA_ID.test(mediaId)
    ? await (await getServices()).clientFor(account)
    : undefined;
  if (!client)
    return jsonError(404, 'not_found', `No media ${mediaId} of a connected account ${account}.`);
  const media = await getMedia(client, mediaId, 'id,media_type,media_url,thumbnail_url').catch(
    (error: unknown) => error as Error,
  );
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
