import type { GalleryEvent } from '../events/event-file.ts';
import type { Services } from './services.ts';

/**
 * The event a visitor of its public on-demand routes (the live slideshow's photo list and
 * photos) may see, or undefined: those routes answer 404 for it. Every such route looks its
 * event up here, so this is the one place where access to an event is decided. A private event
 * has no slideshow (none is built for it, and these answers are cached publicly): never one.
 */
export async function viewableEvent(
  services: Pick<Services, 'guestEvents'>,
  eventId: string,
): Promise<GalleryEvent | undefined> {
  const event = (await services.guestEvents()).find((candidate) => candidate.id === eventId);
  return event?.visibility === 'private' ? undefined : event;
}
