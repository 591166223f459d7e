import type { GalleryEvent } from '../events/event-file.ts';
import { GuestUploadError } from './upload-errors.ts';

export type UploadWindow =
  | { open: true; untilUtc?: string }
  | { open: false; reason: 'disabled' | 'closed'; message: string };

/** Whether guests may upload to the event now: `uploads.enabled`, and not after `uploads.until`. */
export function uploadWindow(
  event: Pick<GalleryEvent, 'title' | 'uploads'>,
  now = Date.now(),
): UploadWindow {
  if (!event.uploads.enabled)
    return {
      open: false,
      reason: 'disabled',
      message: `${event.title} does not take guest photos.`,
    };
  const until = event.uploads.untilUtc;
  if (until && now > Date.parse(until))
    return {
      open: false,
      reason: 'closed',
      message: `Uploads for ${event.title} closed on ${until.slice(0, 16).replace('T', ' ')} UTC.`,
    };
  return { open: true, ...(until && { untilUtc: until }) };
}

/** The event a guest upload names, or a 404 for an unknown one and a 403 after its window. */
export function eventOpenForUploads(
  events: GalleryEvent[],
  eventId: string,
  now = Date.now(),
): GalleryEvent {
  const event = events.find((candidate) => candidate.id === eventId);
  if (!event)
    throw new GuestUploadError(
      'unknown_event',
      `There is no event "${eventId}". Check the link you were given.`,
      404,
    );
  const window = uploadWindow(event, now);
  if (!window.open)
    throw new GuestUploadError(
      window.reason === 'closed' ? 'uploads_closed' : 'uploads_disabled',
      window.message,
      403,
    );
  return event;
}
