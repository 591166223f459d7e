import {
  guestSourceFor,
  moderationStatusOf,
  parseModeration,
  type GuestPhotoSource,
} from '../guest/index.ts';
import type { ResolvedOptions } from '../options.ts';
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

/** The site's options these functions read: where events and guest photos are. */
export type SiteSources = Pick<ResolvedOptions, 'eventsDir' | 'window' | 'guestPhotos'>;

/** The site's guest photos, local or S3, as its options say. */
export function guestSource(options: SiteSources, root = process.cwd()): GuestPhotoSource {
  return guestSourceFor(options.guestPhotos, root);
}

/**
 * Every event of the site (its `eventsDir`, with its `window`), newest first; not the private
 * ones: their guests shared their photos with each other, not with the brand's followers.
 */
export async function publishableEvents(
  options: SiteSources,
  root = process.cwd(),
): Promise<PublishableEvent[]> {
  const events = await loadEvents(root, options.eventsDir, options.window);
  return events
    .filter((event) => event.visibility !== 'private')
    .sort((a, b) => b.startUtc.localeCompare(a.startUtc));
}

/** Whether `eventId` is one of the site's private events. */
export async function isPrivateEvent(
  options: SiteSources,
  eventId: string,
  root = process.cwd(),
): Promise<boolean> {
  const events = await loadEvents(root, options.eventsDir, options.window);
  return events.some((event) => event.id === eventId && event.visibility === 'private');
}

/**
 * The approved guest photos of `eventId`, in file-name order; none for an event that is not one
 * of the site's (the id never reaches the file system unchecked).
 */
export async function approvedGuestPhotos(
  eventId: string,
  events: PublishableEvent[],
  source: GuestPhotoSource,
): Promise<PublishablePhoto[]> {
  if (!events.some((event) => event.id === eventId)) return [];
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
  source: GuestPhotoSource,
  now = Date.now(),
): Promise<string | undefined> {
  const withPhotos: PublishableEvent[] = [];
  for (const event of events) {
    if ((await approvedGuestPhotos(event.id, events, source).catch(() => [])).length > 0)
      withPhotos.push(event);
  }
  return (withPhotos.find((event) => Date.parse(event.startUtc) <= now) ?? withPhotos[0])?.id;
}
