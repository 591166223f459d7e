import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { APIContext } from 'astro';
import type { DownloadEntry, DownloadLists, PostFile } from '../download/download-list.ts';
import { SERVER_LISTS_FILE } from '../download/write-downloads.ts';
import type { GalleryEvent } from '../events/event-file.ts';
import type { GuestPhoto } from '../guest/index.ts';
import { moderationStatusOf } from '../guest/photo-approval.ts';
import { serverLog } from '../shared/log.ts';
import { readAccess } from './private-gate.ts';
import { privatePhotos } from './private-photos.ts';
import { getServices } from './services.ts';

/** A private event's download: its approved photos (read behind the gate) and its posts' built files. */
export interface EventDownloadPrivate {
  found: true;
  kind: 'private';
  event: GalleryEvent;
  photos: GuestPhoto[];
  posts: PostFile[];
  clientDir: string;
}

export type EventDownload =
  | { found: true; kind: 'built'; eventId: string; entries: DownloadEntry[]; clientDir: string }
  | EventDownloadPrivate
  | { found: false; status: number; code: string; message: string };

/**
 * THE lookup of every "Download all" request: which files an event's ZIP holds, or why there is
 * none. Anything that decides who may download an event (a private event's gate) is here, so the
 * ZIP route cannot be reached around it. `serverDir` and `clientDir` are the build's folders
 * (build-dirs.ts); `request` is what the private gate reads (the cookie, a `?k=` link key).
 *
 * A built event's files are those the last build listed for it (its gallery page shows the same).
 * A guest photo whose approval was taken back since that build is left out, read afresh from the
 * moderation file; when the server has no guest photo storage configured, the build's list stands.
 * A private event's photos are read now, approved ones only, as its gallery page reads them.
 */
export async function findEventDownload(
  eventId: string,
  { serverDir, clientDir }: { serverDir: string; clientDir: string },
  request: Pick<APIContext, 'url' | 'cookies'>,
): Promise<EventDownload> {
  const lists = await readLists(path.join(serverDir, SERVER_LISTS_FILE));
  if (!lists)
    return {
      found: false,
      status: 404,
      code: 'not_built',
      message:
        'event: downloads are made by `astro build`; build the site and serve it with `npm start`.',
    };
  const listed = Object.hasOwn(lists.events, eventId) ? lists.events[eventId] : undefined;
  if (!listed) return findPrivateDownload(eventId, lists, clientDir, request);
  const entries = await stillApproved(eventId, listed);
  if (entries.length === 0) return noPhotos(eventId);
  return { found: true, kind: 'built', eventId, entries, clientDir };
}

async function findPrivateDownload(
  eventId: string,
  lists: DownloadLists,
  clientDir: string,
  request: Pick<APIContext, 'url' | 'cookies'>,
): Promise<EventDownload> {
  const access = await readAccess(eventId, request);
  const event = access.event;
  if (event?.visibility !== 'private')
    return {
      found: false,
      status: 404,
      code: 'not_found',
      message: `event: there is no event "${eventId}".`,
    };
  if (!access.allowed)
    return {
      found: false,
      status: 403,
      code: 'private_gallery',
      message: `event: the gallery ${eventId} is private: open /g/${eventId}/ with its password or link first.`,
    };
  const photos = await privatePhotos(await getServices(), event);
  const posts = Object.hasOwn(lists.privatePosts, eventId) ? lists.privatePosts[eventId] : [];
  if (photos.length === 0 && !posts?.length) return noPhotos(eventId);
  return { found: true, kind: 'private', event, photos, posts: posts ?? [], clientDir };
}

const noPhotos = (eventId: string): EventDownload => ({
  found: false,
  status: 404,
  code: 'no_photos',
  message: `event: "${eventId}" has no photos to download yet.`,
});

async function stillApproved(eventId: string, entries: DownloadEntry[]): Promise<DownloadEntry[]> {
  if (!entries.some((entry) => entry.guestPhoto)) return entries;
  let records: Awaited<
    ReturnType<Awaited<ReturnType<typeof getServices>>['guestPhotos']['records']>
  >;
  try {
    records = await (await getServices()).guestPhotos.records(eventId);
  } catch (error) {
    serverLog.warn(
      `download of ${eventId}: moderation not read (${(error as Error).message}); the build's list stands`,
    );
    return entries;
  }
  return entries.filter(
    (entry) => !entry.guestPhoto || moderationStatusOf(records, entry.guestPhoto) === 'approved',
  );
}

// The lists change only with a build: read again when the file does.
let cached: { file: string; mtimeMs: number; lists: DownloadLists } | undefined;

async function readLists(file: string): Promise<DownloadLists | undefined> {
  const mtimeMs = await stat(file).then(
    (stats) => stats.mtimeMs,
    () => undefined,
  );
  if (mtimeMs === undefined) return undefined;
  if (cached?.file !== file || cached.mtimeMs !== mtimeMs)
    cached = { file, mtimeMs, lists: JSON.parse(await readFile(file, 'utf8')) as DownloadLists };
  return cached.lists;
}
