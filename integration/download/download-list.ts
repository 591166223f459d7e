import type { ImageMetadata } from 'astro';
import { fullImage } from '../components/full-image.ts';
import { mergeTimeline } from '../components/timeline.ts';
import {
  allEvents,
  guestPhotosOf,
  type InstagramPostEntry,
  instagramPosts,
  postsOf,
} from '../embed/collections.ts';
import { describedName, zipEntryNames } from './zip-names.ts';

/** One file of an event's "Download all" ZIP. */
export interface DownloadEntry {
  /** Its safe, unique name inside the ZIP. */
  name: string;
  /** The built file it is, relative to the client folder (`_astro/band.Ab12.webp`). */
  file: string;
  /** When it was taken or posted (ISO): the entry's date in the ZIP. */
  at: string;
  /** A guest photo's file name, so a server can leave out a photo unapproved since the build. */
  guestPhoto?: string;
}

/**
 * What the build writes for the server: every built event's ZIP entries, by event id, oldest
 * first; and for each private event (built into no page) the files of the Instagram posts made in
 * its window, which the server names and adds to the photos it reads behind the event's gate.
 */
export interface DownloadLists {
  events: Record<string, DownloadEntry[]>;
  privatePosts: Record<string, PostFile[]>;
}

/** An Instagram item's built file, with what its name in a ZIP is made of but the event's time zone. */
export interface PostFile {
  file: string;
  at: string;
  by: string;
  stem: string;
  extension: string;
}

/**
 * Made while the site is built, since only Astro knows which built file is a photo's full-size
 * re-encode: every approved guest photo as its gallery serves it (the WebP its download link
 * saves, re-encoded so no EXIF or GPS is left), and each Instagram post's re-hosted media (the
 * same full-size WebP of every picture, the video file of every video).
 */
export async function downloadLists(): Promise<DownloadLists> {
  const lists: DownloadLists = { events: {}, privatePosts: {} };
  for (const event of await allEvents()) {
    const timeZone = event.data.timezone;
    const timeline = mergeTimeline(await guestPhotosOf(event.id), await postsOf(event.id));
    const items: (Omit<DownloadEntry, 'name'> & { wanted: string })[] = [];
    for (const entry of timeline) {
      if (entry.kind === 'guest') {
        const { data } = entry;
        items.push({
          file: await fullImageFile(data.image),
          at: data.takenAt,
          guestPhoto: data.name,
          wanted: describedName({
            at: data.takenAt,
            timeZone,
            by: data.uploader ?? 'guest',
            name: data.name.replace(/\.[^.]*$/, ''),
            extension: 'webp',
          }),
        });
        continue;
      }
      // A guest's post (tagged or mentioned) is shown with its credit, never handed out in a ZIP.
      if (entry.data.taggedBy) continue;
      for (const { file, at, by, stem, extension } of await postFiles(entry))
        items.push({
          file,
          at,
          wanted: describedName({ at, timeZone, by, name: stem, extension }),
        });
    }
    const names = zipEntryNames(items.map((item) => item.wanted));
    lists.events[event.id] = items.map(({ wanted: _, ...item }, index) => ({
      name: names[index] ?? item.file,
      ...item,
    }));
  }
  const posts = await instagramPosts();
  for (const eventId of new Set(posts.flatMap((post) => post.data.privateEventIds))) {
    const ofEvent = posts.filter((post) => post.data.privateEventIds.includes(eventId));
    const files: PostFile[] = [];
    ofEvent.sort((a, b) => Date.parse(a.data.timestamp) - Date.parse(b.data.timestamp));
    for (const post of ofEvent) files.push(...(await postFiles(post)));
    lists.privatePosts[eventId] = files;
  }
  return lists;
}

/** A post's files: a video's file, else the picture's full-size WebP; an item Instagram withheld has neither. */
async function postFiles({ id, data }: InstagramPostEntry): Promise<PostFile[]> {
  const by = data.username ? `instagram-${data.username}` : 'instagram';
  const files: PostFile[] = [];
  for (const [index, item] of data.items.entries()) {
    const file = item.video
      ? clientPath(item.video)
      : item.image
        ? await fullImageFile(item.image)
        : undefined;
    if (!file) continue;
    files.push({
      file,
      at: data.timestamp,
      by,
      stem: `${id}${data.items.length > 1 ? `-${index + 1}` : ''}`,
      extension: item.video ? (item.video.split('.').pop() ?? 'mp4') : 'webp',
    });
  }
  return files;
}

async function fullImageFile(image: ImageMetadata): Promise<string> {
  return clientPath((await fullImage(image)).src);
}

/** A built file's path in the client folder, from its URL (the site's `base` and any CDN prefix dropped). */
function clientPath(src: string): string {
  const pathname = new URL(src, 'http://site.invalid').pathname;
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  return decodeURIComponent(
    pathname.startsWith(base) ? pathname.slice(base.length) : pathname.slice(1),
  );
}
