import type { CollectionEntry } from 'astro:content';
import type { GallerySources } from './gallery-props.ts';

/** Anything with a time that can sit on a gallery timeline. */
export interface TimelineEntry<TKind extends string, TData> {
  kind: TKind;
  id: string;
  /** ISO instant the photo was taken or the post was made. */
  at: string;
  data: TData;
}

export type GuestPhotoData = CollectionEntry<'guestPhotos'>['data'];
export type InstagramPostData = CollectionEntry<'instagram'>['data'];
/** A guest photo of a private event: not in a collection, its picture served on demand. */
export interface PrivatePhotoData {
  eventId: string;
  name: string;
  width: number;
  height: number;
  placeholder?: string | undefined;
  takenAt: string;
  uploader?: string | undefined;
  caption?: string | undefined;
  alt?: string | undefined;
}
/** One card of a gallery or feed. */
export type GalleryEntry =
  | TimelineEntry<'guest', GuestPhotoData | PrivatePhotoData>
  | TimelineEntry<'instagram', InstagramPostData>;

/**
 * Guest photos and Instagram posts of one event as one timeline, oldest first. Ties keep
 * guest photos before posts and then order by id, so a rebuild renders the same page.
 */
export function mergeTimeline<G, P>(
  guests: { id: string; data: G & { takenAt: string } }[],
  posts: { id: string; data: P & { timestamp: string } }[],
): (
  | TimelineEntry<'guest', G & { takenAt: string }>
  | TimelineEntry<'instagram', P & { timestamp: string }>
)[] {
  const entries = [
    ...guests.map((g) => ({ kind: 'guest' as const, id: g.id, at: g.data.takenAt, data: g.data })),
    ...posts.map((p) => ({
      kind: 'instagram' as const,
      id: p.id,
      at: p.data.timestamp,
      data: p.data,
    })),
  ];
  return entries.sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) ||
      (a.kind === b.kind ? a.id.localeCompare(b.id) : a.kind === 'guest' ? -1 : 1),
  );
}

/** The first `limit` entries of the chosen sources, in timeline order. */
export function pickEntries<T extends { kind: string }>(
  timeline: T[],
  sources: GallerySources,
  limit?: number,
): T[] {
  const chosen = sources === 'all' ? timeline : timeline.filter((entry) => entry.kind === sources);
  return chosen.slice(0, limit);
}
