import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DownloadEntry, DownloadLists } from '../download/download-list.ts';
import { SERVER_LISTS_FILE } from '../download/write-downloads.ts';
import { moderationStatusOf } from '../guest/photo-approval.ts';
import { serverLog } from '../shared/log.ts';
import { getServices } from './services.ts';

export type EventDownload =
  | { found: true; eventId: string; entries: DownloadEntry[]; clientDir: string }
  | { found: false; status: number; code: string; message: string };

/**
 * THE lookup of every "Download all" request: which files an event's ZIP holds, or why there is
 * none. Anything that decides who may download an event (a private event's gate) belongs here,
 * so the ZIP route cannot be reached around it. `serverDir` and `clientDir` are the build's
 * folders (build-dirs.ts).
 *
 * The files are those the last build listed for the event (its gallery page shows the same). A
 * guest photo whose approval was taken back since that build is left out, read afresh from the
 * moderation file; when the server has no guest photo storage configured, the build's list stands.
 */
export async function findEventDownload(
  eventId: string,
  { serverDir, clientDir }: { serverDir: string; clientDir: string },
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
  const listed = Object.hasOwn(lists, eventId) ? lists[eventId] : undefined;
  if (!listed)
    return {
      found: false,
      status: 404,
      code: 'not_found',
      message: `event: there is no event "${eventId}".`,
    };
  const entries = await stillApproved(eventId, listed);
  if (entries.length === 0)
    return {
      found: false,
      status: 404,
      code: 'no_photos',
      message: `event: "${eventId}" has no photos to download yet.`,
    };
  return { found: true, eventId, entries, clientDir };
}

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
