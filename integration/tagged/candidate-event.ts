import type { GalleryEvent } from '../events/event-file.ts';
import { inWindow } from '../events/match-window.ts';

/**
 * The event a guest's post belongs to: the one whose window holds the post's time, the latest
 * to start when windows overlap (the inner of nested events). Private events are left out: their
 * galleries are never built, so a candidate there could never be shown.
 */
export function candidateEvent(
  postedAt: string,
  events: readonly GalleryEvent[],
): GalleryEvent | undefined {
  return events
    .filter((event) => event.visibility !== 'private' && inWindow(postedAt, event))
    .sort((a, b) => Date.parse(b.window.fromUtc) - Date.parse(a.window.fromUtc))[0];
}
