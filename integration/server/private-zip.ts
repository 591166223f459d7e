import type { PostFile } from '../download/download-list.ts';
import type { ArchiveEntry, MadeEntry } from '../download/zip-archive.ts';
import { describedName, zipEntryNames } from '../download/zip-names.ts';
import type { EventDownloadPrivate } from './event-downloads.ts';
import { encodePrivatePhoto, type PrivatePhotoWidth } from './private-photos.ts';
import type { Services } from './services.ts';

/** The lightbox's width: the photo a guest saves from a private gallery, and the one its ZIP holds. */
const FULL_WIDTH: PrivatePhotoWidth = 2048;

/**
 * A private event's ZIP entries, oldest first, named as a built event's are (local time in the
 * event's zone, who, name): its approved photos, each re-encoded when the archive reaches it
 * (the build never saw them), and the built files of the Instagram posts in its window.
 */
export function privateZipEntries(
  services: Services,
  { event, photos, posts }: Omit<EventDownloadPrivate, 'found' | 'kind' | 'clientDir'>,
): (ArchiveEntry | MadeEntry)[] {
  const timeZone = event.timezone;
  const items = [
    ...photos.map((photo) => ({
      at: photo.takenAt,
      wanted: describedName({
        at: photo.takenAt,
        timeZone,
        by: photo.uploader ?? 'guest',
        name: photo.name.replace(/\.[^.]*$/, ''),
        extension: 'webp',
      }),
      make: () => encodePrivatePhoto(services, event, photo.name, FULL_WIDTH),
    })),
    ...posts.map((post: PostFile) => ({
      at: post.at,
      wanted: describedName({ ...post, timeZone, name: post.stem }),
      file: post.file,
    })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const names = zipEntryNames(items.map((item) => item.wanted));
  return items.map(({ wanted, ...item }, index) => ({ ...item, name: names[index] ?? wanted }));
}
