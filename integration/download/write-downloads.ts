import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { eventZipPath } from '../components/download-all.ts';
import type { DownloadLists } from './download-list.ts';
import { zipArchive } from './zip-archive.ts';

/** Where the build writes every event's ZIP entries (a prerendered route), taken away again by `settleDownloads`. */
export const DOWNLOAD_LISTS_ROUTE = '/_astro-instagram-sync/downloads.json';
/** Where a server build keeps the lists: in its server folder, which no static host serves. */
export const SERVER_LISTS_FILE = 'astro-instagram-sync/downloads.json';

/**
 * After the build: takes the lists out of the client folder, then either keeps them for the
 * server, which streams each ZIP on request (`serverDir`), or, for a static-only site, writes
 * every event's ZIP next to its page. Returns the number of ZIPs written.
 */
export async function settleDownloads(
  clientDir: string,
  serverDir: string | undefined,
): Promise<number> {
  const listFile = path.join(clientDir, DOWNLOAD_LISTS_ROUTE);
  const text = await readFile(listFile, 'utf8').catch(() => undefined);
  if (text === undefined) return 0;
  await rm(path.dirname(listFile), { recursive: true, force: true });
  if (serverDir) {
    const kept = path.join(serverDir, SERVER_LISTS_FILE);
    await mkdir(path.dirname(kept), { recursive: true });
    await writeFile(kept, text);
    return 0;
  }
  // A static-only site has no private event to serve: its posts' lists are not written anywhere.
  const { events } = JSON.parse(text) as DownloadLists;
  let written = 0;
  for (const [eventId, entries] of Object.entries(events)) {
    if (entries.length === 0) continue;
    const target = path.join(clientDir, eventZipPath(eventId));
    await mkdir(path.dirname(target), { recursive: true });
    const { stream } = await zipArchive(clientDir, entries);
    await pipeline(stream, createWriteStream(target));
    written++;
  }
  return written;
}
