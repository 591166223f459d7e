import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SyncedPost } from './instagram-post.ts';

/** The last good Instagram sync: what a build falls back to when the API fails. */
export interface InstagramSnapshot {
  version: 1;
  syncedAt: string;
  mode: 'live' | 'demo';
  graphBase: string;
  posts: SyncedPost[];
}

export const SNAPSHOT_FILE = 'instagram-snapshot.json';

export async function readSnapshot(dataDir: string): Promise<InstagramSnapshot | undefined> {
  try {
    const snapshot = JSON.parse(
      await readFile(path.join(dataDir, SNAPSHOT_FILE), 'utf8'),
    ) as InstagramSnapshot;
    return snapshot.version === 1 && Array.isArray(snapshot.posts) ? snapshot : undefined;
  } catch {
    return undefined;
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a snapshot. */
export async function writeSnapshot(dataDir: string, snapshot: InstagramSnapshot): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const target = path.join(dataDir, SNAPSHOT_FILE);
  await writeFile(`${target}.tmp`, `${JSON.stringify(snapshot, null, 1)}\n`);
  await rename(`${target}.tmp`, target);
}
