import { copyFile, mkdir } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readSnapshot } from './snapshot.ts';

/** Site path under which synced Instagram videos are served: pages never link to Instagram's CDN. */
export const VIDEO_ROUTE = '/_instagram/';
const VIDEO_FILE = /^[0-9a-f]{64}\.(mp4|mov)$/;

/**
 * Videos are not Astro image assets, so the build copies the ones the last sync uses next to
 * the pages. Their names are content hashes, so they can be cached forever.
 */
export async function copySyncedVideos(
  dataDir: string,
  mediaDir: string,
  clientDir: string,
): Promise<number> {
  const snapshot = await readSnapshot(dataDir);
  const files = new Set(
    snapshot?.posts.flatMap((post) =>
      post.items.flatMap((item) => (item.video?.file ? [item.video.file] : [])),
    ) ?? [],
  );
  if (files.size === 0) return 0;
  const target = path.join(clientDir, VIDEO_ROUTE);
  await mkdir(target, { recursive: true });
  await Promise.all(
    [...files].map((file) => copyFile(path.join(mediaDir, file), path.join(target, file))),
  );
  return files.size;
}

/** Dev-server middleware serving the same paths from the media cache. */
export function serveSyncedVideos(mediaDir: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const file = decodeURIComponent((req.url ?? '').replace(/^\//, '').split('?')[0] ?? '');
    if (!VIDEO_FILE.test(file)) return next();
    res.setHeader('Content-Type', file.endsWith('.mov') ? 'video/quicktime' : 'video/mp4');
    createReadStream(path.join(mediaDir, file))
      .on('error', () => next())
      .pipe(res);
  };
}
