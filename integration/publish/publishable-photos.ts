import {
  guestSourceFor,
  moderationStatusOf,
  parseModeration,
  type GuestPhotoSource,
} from '../guest/index.ts';
import { processEnv } from '../shared/env.ts';
import { resolveOptions } from '../options.ts';
import type { GalleryEvent } from '../events/event-file.ts';
import { loadEvents } from '../events/events.ts';

/** An approved guest photo the publish page can pick. */
export interface PublishablePhoto {
  eventId: string;
  name: string;
  caption?: string;
  alt?: string;
}

/** An event of the site, with the window its Instagram posts are matched in. */
export type PublishableEvent = GalleryEvent;

/** The site's guest photos, local or S3, as configured by the environment. */
export function guestSource(): GuestPhotoSource {
  return guestSourceFor(resolveOptions({}, processEnv()).guestPhotos, process.cwd());
}

/** Every event of the site, newest first. */
export async function publishableEvents(): Promise<PublishableEvent[]> {
  const events = await loadEvents(process.cwd(), 'content/events', { before: '1h', after: '12h' });
  return events.sort((a, b) => b.startUtc.localeCompare(a.startUtc));
}

/**
 * The approved guest photos of `eventId`, in file-name order; none for an event that is not one
 * of the site's (the id never reaches the file system unchecked).
 */
export async function approvedGuestPhotos(
  eventId: string,
  events?: PublishableEvent[],
  source = guestSource(),
): Promise<PublishablePhoto[]> {
  const known = events ?? (await publishableEvents());
  if (!known.some((event) => event.id === eventId)) return [];
  const { objects, moderation } = await source.listEvent(eventId);
  const records = parseModeration(moderation, `${source.description}/${eventId}/moderation.yaml`);
  return objects.flatMap((object) => {
    if (moderationStatusOf(records, object.name) !== 'approved') return [];
    const record = records.get(object.name);
    return [
      {
        eventId,
        name: object.name,
        ...(record?.caption && { caption: record.caption }),
        ...(record?.alt && { alt: record.alt }),
      },
    ];
  });
}

/** The newest event that has started (else the newest) among those with approved photos. */
export async function defaultPublishEvent(
  events: PublishableEvent[],
  now = Date.now(),
): Promise<string | undefined> {
  const source = guestSource();
  const withPhotos: PublishableEvent[] = [];
  for (const event of events) {
    if ((await approvedGuestPhotos(event.id, events, source).catch(() => [])).length > 0)
      withPhotos.push(event);
  }
  return (withPhotos.find((event) => Date.parse(event.startUtc) <= now) ?? withPhotos[0])?.id;
}
