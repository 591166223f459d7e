/** What the picker offers: approved guest photos, the event's Instagram media, and staff uploads. */
import { formatDay, formatTime } from '../../../integration/components/format.ts';
import type { PickableItem } from '../../../integration/publish/prepare/publishable.ts';

export type Source =
  | { type: 'guest'; eventId: string; name: string }
  | { type: 'instagram'; mediaId: string }
  | { type: 'upload'; uploadId: string };

export interface Candidate extends PickableItem {
  /** Unique across sources, e.g. `guest:2026-04-29/band.jpg`. */
  key: string;
  /** What people see: a file name, or "Instagram photo, 29 Apr 2026, 20:22 CEST". */
  name: string;
  source: Source;
  mediaType: 'image' | 'video';
  thumbnail?: string;
  alt?: string;
}

export interface GuestPhoto {
  eventId: string;
  name: string;
  caption?: string;
  alt?: string;
}
export interface PostItem {
  mediaId: string;
  mediaType: 'image' | 'video';
  postId: string;
  permalink?: string;
  timestamp: string;
  position?: number;
  noFile?: boolean;
  durationSeconds?: number;
}
export interface StagedUpload {
  id: string;
  name: string;
  mediaType: 'image' | 'video';
  durationSeconds?: number;
}

export const fromGuestPhoto = (photo: GuestPhoto): Candidate => ({
  key: `guest:${photo.eventId}/${photo.name}`,
  name: photo.name,
  source: { type: 'guest', eventId: photo.eventId, name: photo.name },
  mediaType: /\.(mp4|mov)$/i.test(photo.name) ? 'video' : 'image',
  thumbnail: `/api/publish/thumbnail?event=${encodeURIComponent(photo.eventId)}&name=${encodeURIComponent(photo.name)}`,
  ...(photo.alt && { alt: photo.alt }),
});

/** "29 Apr 2026, 20:22 CEST": a time in the event's zone, labelled with it. */
export const zonedTime = (iso: string, timeZone: string): string =>
  `${formatDay(iso, timeZone)}, ${formatTime(iso, timeZone, true)}`;

export const fromPostItem =
  (account: string, timeZone: string) =>
  (item: PostItem): Candidate => ({
    key: `instagram:${item.mediaId}`,
    name: `Instagram ${item.mediaType === 'video' ? 'video' : 'photo'}${item.position ? ` ${item.position}` : ''}, ${zonedTime(item.timestamp, timeZone)}`,
    source: { type: 'instagram', mediaId: item.mediaId },
    mediaType: item.mediaType,
    thumbnail: `/api/publish/thumbnail?account=${encodeURIComponent(account)}&media=${encodeURIComponent(item.mediaId)}`,
    ...(item.noFile && { noFile: true }),
    ...(item.durationSeconds !== undefined && { durationSeconds: item.durationSeconds }),
  });

export const fromUpload = (upload: StagedUpload, preview?: string): Candidate => ({
  key: `upload:${upload.id}`,
  name: upload.name,
  source: { type: 'upload', uploadId: upload.id },
  mediaType: upload.mediaType,
  ...(preview && { thumbnail: preview }),
  ...(upload.durationSeconds !== undefined && { durationSeconds: upload.durationSeconds }),
});

/** What each kind takes: how many items, and which media types. */
export function kindRules(kind: string): {
  max: number;
  accepts: (type: Candidate['mediaType']) => boolean;
} {
  switch (kind) {
    case 'carousel':
      return { max: 10, accepts: () => true };
    case 'reel':
      return { max: 1, accepts: (type) => type === 'video' };
    case 'story':
      return { max: 1, accepts: () => true };
    default:
      return { max: 1, accepts: (type) => type === 'image' };
  }
}
