import path from 'node:path';
import { getMedia, listMedia, MEDIA_FIELDS, type GraphLogger, type GraphMedia } from '../graph/index.ts';
import type { ResolvedOptions } from '../options.ts';
import type { GalleryEvent } from './event-file.ts';
import { openInstagramConnections, type InstagramConnection } from './instagram-connection.ts';
import { isoFromGraph, normalizePost, type InstagramPost, type SyncedPost } from './instagram-post.ts';
import { earliestWindowStart, postMatchesEvent } from './match-window.ts';
import type { MediaCache } from './media-cache.ts';
import { storePostMedia } from './post-media.ts';
import { readSnapshot, writeSnapshot, type InstagramSnapshot } from './snapshot.ts';
import { explainSyncFailure, InstagramSyncError } from './sync-failure.ts';

export interface InstagramSyncInput {
  root: string;
  options: ResolvedOptions;
  events: GalleryEvent[];
  cache: MediaCache;
  logger: GraphLogger & { error(msg: string): void };
  /** Opens one connection per account; defaults to the store, then options (tests pass their own clients). */
  connect?: () => Promise<InstagramConnection[]>;
}

/** Where the posts of this build came from. */
export type PostsSource = 'live' | 'demo' | 'snapshot' | 'none';

export interface InstagramSyncOutcome {
  posts: SyncedPost[];
  source: PostsSource;
  syncedAt?: string;
  downloads: number;
}

/**
 * Syncs the posts that fall in the events' windows and writes the last-good snapshot. When
 * the API fails, the build goes on with that snapshot (or with no posts when there is none yet)
 * and says why and what to do; in strict mode it fails instead.
 */
export async function syncInstagram(input: InstagramSyncInput): Promise<InstagramSyncOutcome> {
  const { options, logger } = input;
  const dataDir = path.resolve(input.root, options.dataDir);
  const connections = await (input.connect ?? (() => openInstagramConnections(options.instagram, logger)))();
  if (connections.length === 0) return withoutCredentials(input, dataDir);
  if (connections[0]!.mode === 'demo') {
    logger.info(`Demo mode: IG_ACCESS_TOKEN is not set, so Instagram posts come from the built-in Graph API emulator (${connections[0]!.graphBase}).`);
  }
  try {
    return await syncFrom(connections, input, dataDir);
  } catch (error) {
    return await fallBack(error, input, dataDir); // awaited: a rejection must not wait unhandled for `finally`
  } finally {
    await Promise.all(connections.map((connection) => connection.close()));
  }
}

async function syncFrom(connections: InstagramConnection[], input: InstagramSyncInput, dataDir: string): Promise<InstagramSyncOutcome> {
  const { events, cache, options, logger } = input;
  const listedBy = new Map<string, InstagramConnection>();
  const listed: InstagramPost[] = [];
  for (const connection of connections) {
    for (const post of await listNeededPosts(connection, events)) {
      if (listedBy.has(post.id)) continue;
      listedBy.set(post.id, connection);
      listed.push(post);
    }
    if (connection.client.usage) await connection.recordUsage?.(connection.client.usage);
  }
  const matched = listed.flatMap((post) => {
    const eventIds = events.filter((event) => postMatchesEvent(post, event)).map((event) => event.id);
    return eventIds.length > 0 ? [{ post, eventIds }] : [];
  });
  const { posts, failures, downloads } = await storePostMedia(matched, {
    cache,
    concurrency: options.instagram.downloadConcurrency,
    maxImageBytes: options.instagram.maxImageBytes,
    maxVideoBytes: options.instagram.maxVideoBytes,
    timeoutMs: options.instagram.timeoutMs,
    reread: async (id) => normalizePost(await getMedia(listedBy.get(id)!.client, id, MEDIA_FIELDS)),
  });
  const previous = failures.length > 0 ? await readSnapshot(dataDir) : undefined;
  for (const { post, error } of failures) {
    const kept = previous?.posts.find((p) => p.id === post.id);
    logger.warn(`Instagram post ${post.id}: media download failed (${error.message}); ${kept ? 'keeping its copy from the last snapshot' : 'left out of this build'}.`);
    if (kept) posts.push(kept);
  }
  posts.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
  await cache.save();
  const { mode, graphBase } = connections[0]!;
  const snapshot: InstagramSnapshot = { version: 1, syncedAt: new Date().toISOString(), mode, graphBase, posts };
  await writeSnapshot(dataDir, snapshot);
  const from = connections.map((c) => c.label).join(', ');
  logger.info(`Instagram (${from}): ${listed.length} posts read, ${posts.length} in event windows, ${downloads} media downloaded.`);
  return { posts, source: mode, syncedAt: snapshot.syncedAt, downloads };
}

/**
 * Lists media newest first, 100 a page with carousel children expanded, and stops once a page
 * reaches past the earliest event window: older posts cannot belong to any event.
 */
async function listNeededPosts(connection: InstagramConnection, events: GalleryEvent[]): Promise<InstagramPost[]> {
  const earliest = earliestWindowStart(events);
  if (earliest === undefined) return [];
  const posts: InstagramPost[] = [];
  for await (const page of listMedia(connection.client, { ...(connection.userId && { userId: connection.userId }), limit: 100 })) {
    posts.push(...page.filter(hasTimestamp).map(normalizePost));
    const oldest = page.at(-1);
    if (!oldest?.timestamp || Date.parse(isoFromGraph(oldest.timestamp)) < earliest) break;
  }
  return posts;
}

function hasTimestamp(media: GraphMedia): boolean {
  return typeof media.timestamp === 'string';
}

async function fallBack(error: unknown, input: InstagramSyncInput, dataDir: string): Promise<InstagramSyncOutcome> {
  const { cause, remedy } = explainSyncFailure(error);
  if (input.options.instagram.strict) throw new InstagramSyncError(cause, remedy, { cause: error });
  const snapshot = await readSnapshot(dataDir);
  if (!snapshot) {
    input.logger.error(`Instagram sync failed: ${cause}. No earlier snapshot exists, so galleries show guest photos only. Fix: ${remedy}`);
    return { posts: [], source: 'none', downloads: 0 };
  }
  input.logger.error(`Instagram sync failed: ${cause}. This build uses the last good snapshot from ${snapshot.syncedAt} (${snapshot.posts.length} posts). Fix: ${remedy}`);
  return fromSnapshot(snapshot, input.events);
}

async function withoutCredentials(input: InstagramSyncInput, dataDir: string): Promise<InstagramSyncOutcome> {
  const remedy = 'set IG_ACCESS_TOKEN (and optionally IG_USER_ID), or connect an account in /admin.';
  if (input.options.instagram.strict) throw new InstagramSyncError('no Instagram access token is configured', remedy);
  const snapshot = await readSnapshot(dataDir);
  if (snapshot) {
    input.logger.warn(`No Instagram access token: using the last snapshot from ${snapshot.syncedAt}. To sync, ${remedy}`);
    return fromSnapshot(snapshot, input.events);
  }
  input.logger.warn(`No Instagram access token and no snapshot: galleries show guest photos only. To add Instagram posts, ${remedy}`);
  return { posts: [], source: 'none', downloads: 0 };
}

/** Snapshot posts matched again, since event files may have changed since it was written. */
function fromSnapshot(snapshot: InstagramSnapshot, events: GalleryEvent[]): InstagramSyncOutcome {
  const posts = snapshot.posts.flatMap((post) => {
    const eventIds = events.filter((event) => postMatchesEvent(post, event)).map((event) => event.id);
    return eventIds.length > 0 ? [{ ...post, eventIds }] : [];
  });
  return { posts, source: 'snapshot', syncedAt: snapshot.syncedAt, downloads: 0 };
}
