import type { GalleryEvent } from '../events/event-file.ts';
import type { CachedMedia, MediaCache } from '../media/media-cache.ts';
import { parseModeration } from './moderation.ts';
import { moderationStatusOf } from './photo-approval.ts';
import { readExifDate, takenAtOf } from './taken-at.ts';
import type { GuestObject, GuestPhotoSource, ModerationRecord } from './types.ts';

/** An approved guest photo, ready for a gallery page. */
export interface GuestPhoto {
  /** "<event_id>/<file>" */
  id: string;
  eventId: string;
  name: string;
  /** The image file, relative to the project root. */
  path: string;
  width: number;
  height: number;
  placeholder?: string;
  takenAt: string;
  takenAtSource: 'exif' | 'upload';
  uploader?: string;
  caption?: string;
  alt?: string;
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

/** The event's approved photos, oldest first. Unchanged files are neither read nor decoded again. */
export async function approvedPhotos(
  event: GalleryEvent,
  source: GuestPhotoSource,
  cache: MediaCache,
  rootRelative: (absolute: string) => string,
): Promise<GuestPhoto[]> {
  const { objects, moderation } = await source.listEvent(event.id);
  const records = parseModeration(moderation, `${source.description}/${event.id}/moderation.yaml`);
  // One rule for "approved" (photo-approval.ts); the record carries the uploader and caption.
  const approved = objects.flatMap((object) => {
    const record = records.get(object.name);
    const isApproved = record && moderationStatusOf(records, object.name) === 'approved';
    return isApproved ? [{ object, record }] : [];
  });
  const photos = await Promise.all(
    approved.map(async ({ object, record }) => {
      const media = await describeMedia(event.id, object, source, cache);
      const path = source.localPath?.(event.id, object.name) ?? rootRelative(cache.pathOf(media));
      return toGuestPhoto(event, object, record, media, path);
    }),
  );
  return photos.sort((a, b) => a.takenAt.localeCompare(b.takenAt) || a.name.localeCompare(b.name));
}

async function describeMedia(
  eventId: string,
  object: GuestObject,
  source: GuestPhotoSource,
  cache: MediaCache,
): Promise<CachedMedia> {
  const key = `guest:${source.description}/${eventId}/${object.name}@${object.version}`;
  const cached = await cache.get(key);
  if (cached) return cached;
  const bytes = await source.read(eventId, object.name);
  const contentType =
    CONTENT_TYPES[(object.name.split('.').at(-1) ?? '').toLowerCase()] ??
    'application/octet-stream';
  const exif = await readExifDate(bytes);
  const extra = exif ? { exif } : {};
  return source.localPath
    ? cache.describe(key, bytes, contentType, extra)
    : cache.put(key, bytes, contentType, extra);
}

function toGuestPhoto(
  event: GalleryEvent,
  object: GuestObject,
  record: ModerationRecord,
  media: CachedMedia,
  path: string,
): GuestPhoto {
  const uploadedAt = record.uploadedAt ? new Date(record.uploadedAt) : object.uploadedAt;
  const { takenAt, source } = takenAtOf(media.exif, event.timezone, uploadedAt);
  return {
    id: `${event.id}/${object.name}`,
    eventId: event.id,
    name: object.name,
    path,
    width: media.width ?? 0,
    height: media.height ?? 0,
    ...(media.placeholder && { placeholder: media.placeholder }),
    takenAt,
    takenAtSource: source,
    ...(record.uploader && { uploader: record.uploader }),
    ...(record.caption && { caption: record.caption }),
    ...(record.alt && { alt: record.alt }),
  };
}
