import type { GalleryEvent } from '../events/event-file.ts';

/** Where an event stands for its live page now. */
export type LiveEventState =
  | { state: 'live'; event: GalleryEvent }
  | { state: 'not_live'; event: GalleryEvent }
  | { state: 'private'; event: GalleryEvent }
  | { state: 'no_event' };

/**
 * An event is live during its window (start minus `window.before` to end plus `window.after`),
 * the very window whose posts its gallery shows. Private events have no live page: their gallery
 * is behind a gate, and live answers would bypass it.
 */
export function liveEventState(
  events: readonly GalleryEvent[],
  id: string,
  now: number,
): LiveEventState {
  const event = events.find((candidate) => candidate.id === id);
  if (!event) return { state: 'no_event' };
  if (event.visibility === 'private') return { state: 'private', event };
  return { state: isLive(event, now) ? 'live' : 'not_live', event };
}

export function isLive(event: GalleryEvent, now: number): boolean {
  return now >= Date.parse(event.window.fromUtc) && now <= Date.parse(event.window.toUtc);
}

/** The events with a live page now: not private, in their window. */
export function liveEvents(events: readonly GalleryEvent[], now: number): GalleryEvent[] {
  return events.filter((event) => event.visibility !== 'private' && isLive(event, now));
}
