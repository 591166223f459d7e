import path from 'node:path';
import {
  getMedia,
  listMedia,
  MEDIA_FIELDS,
  type GraphLogger,
  type GraphMedia,
} from '../graph/index.ts';
import type { ResolvedOptions } from '../options.ts';
import type { GalleryEvent } from '../events/event-file.ts';
import { openInstagramConnections, type InstagramConnection } from './instagram-connection.ts';
import {
  isoFromGraph,
  normalizePost,
  type InstagramPost,
  type SyncedPost,
} from './instagram-post.ts';
import { earliestWindowStart } from '../events/match-window.ts';
import type { MediaCache } from '../media/media-cache.ts';
import { placePosts } from './place-posts.ts';
import { recoverFailedDownloads, withMediaOnDisk } from './cached-copies.ts';
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
  /** Waits between download retries (tests record the waits instead). */
  sleep?: (ms: number) => Promise<void>;
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
 * Syncs the posts that fall in the events' windows and each account's newest posts for feeds,
 * and writes the last-good snapshot. When the API fails, the build goes on with that snapshot
 * (or with no posts when there is none yet) and says why and what to do; in strict mode it
 * fails instead.
 */
export async function syncInstagram(input: InstagramSyncInput): Promise<InstagramSyncOutcome> {
  const { options, logger } = input;
  const dataDir = path.resolve(input.root, options.dataDir);
  const connections = await (
    input.connect ?? (() => openInstagramConnections(options.instagram, logger))
  )();
  const [first, ...others] = connections;
  if (!first) return withoutCredentials(input, dataDir);
  if (first.mode === 'demo') {
    logger.info(
      `Demo mode: IG_ACCESS_TOKEN is not set, so Instagram posts come from the built-in Graph API emulator (${first.graphBase}).`,
    );
  }
  try {
    return await syncFrom([first, ...others], input, dataDir);
  } catch (error) {
    const facebookLogin = connections.every((c) => c.loginFlavour === 'facebook');
    return await fallBack(error, input, dataDir, facebookLogin); // awaited: a rejection must not wait unhandled for `finally`
  } finally {
    await Promise.all(connections.map((connection) => connection.close()));
  }
}

async function syncFrom(
  connections: [InstagramConnection, ...InstagramConnection[]],
  input: InstagramSyncInput,
  dataDir: string,
): Promise<InstagramSyncOutcome> {
  const { events, cache, options, logger } = input;
  const { feedPosts } = options.instagram;
  const listedBy = new Map<string, InstagramConnection>();
  const listed: InstagramPost[] = [];
  for (const connection of connections) {
    for (const post of await listNeededPosts(connection, events, feedPosts)) {
      if (listedBy.has(post.id)) continue;
      listedBy.set(post.id, connection);
      listed.push(post);
    }
    if (connection.client.usage) await connection.recordUsage?.(connection.client.usage);
  }
  const placed = placePosts(listed, events, feedPosts);
  const stored = await storePostMedia(placed, {
    cache,
    concurrency: options.instagram.downloadConcurrency,
    maxImageBytes: options.instagram.maxImageBytes,
    maxVideoBytes: options.instagram.maxVideoBytes,
    timeoutMs: options.instagram.timeoutMs,
    reread: async (id) => {
      const connection = listedBy.get(id);
      if (!connection) throw new Error(`post ${id} was not listed by any account`);
      return normalizePost(await getMedia(connection.client, id, MEDIA_FIELDS));
    },
    ...(input.sleep && { sleep: input.sleep }),
  });
  const { failures, downloads } = stored;
  const previous = failures.length > 0 ? await readSnapshot(dataDir) : undefined;
  const { kept, unusable, leftOut } = await recoverFailedDownloads(
    failures,
    previous?.posts ?? [],
    cache,
    logger,
  );
  const posts = newestFirst([...stored.posts, ...kept]);
  await cache.save();
  if (leftOut.length > 0 && options.instagram.strict) throw mediaSyncError(leftOut);
  const [{ mode, graphBase }] = connections;
  const snapshot: InstagramSnapshot = {
    version: 1,
    syncedAt: new Date().toISOString(),
    mode,
    graphBase,
    posts: newestFirst([...posts, ...unusable]),
  };
  // Failed downloads must not shrink the last good snapshot: the failed posts keep their earlier
  // copies in it, and a sync that stored nothing (or fewer posts than it had) leaves it as it was.
  const shrinks =
    failures.length > 0 &&
    (stored.posts.length === 0 || snapshot.posts.length < (previous?.posts.length ?? 0));
  if (shrinks) {
    logger.warn(
      `${failures.length} of ${placed.length} Instagram posts could not be downloaded, so ${previous ? `the last snapshot (${previous.syncedAt}, ${previous.posts.length} posts) is kept as it was` : 'no snapshot is written until a sync stores them'}.`,
    );
  } else {
    await writeSnapshot(dataDir, snapshot);
  }
  const from = connections.map((c) => c.label).join(', ');
  const inWindows = posts.filter((post) => post.eventIds.length > 0).length;
  const feedOnly = posts.length - inWindows;
  logger.info(
    `Instagram (${from}): ${listed.length} posts read, ${inWindows} in event windows, ${feedOnly} more for feeds, ${downloads} media downloaded.`,
  );
  return { posts, source: mode, syncedAt: snapshot.syncedAt, downloads };
}

function newestFirst(posts: SyncedPost[]): SyncedPost[] {
  return posts.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
}

/** Strict mode: a post left out for want of its media fails the build, as a failed sync does. */
function mediaSyncError(leftOut: InstagramPost[]): InstagramSyncError {
  const ids = leftOut.map((post) => post.id).join(', ');
  return new InstagramSyncError(
    `the media of ${leftOut.length} post${leftOut.length === 1 ? '' : 's'} could not be downloaded and no cached copy exists (${ids})`,
    "check that this machine reaches Instagram's CDN; the next build retries. Without IG_SYNC_STRICT the build leaves these posts out and goes on.",
  );
}

/**
 * Lists media newest first, 100 a page with carousel children expanded, and stops once a page
 * reaches past the earliest event window (older posts cannot belong to any event) and holds
 * the `feedPosts` newest: for any feed size up to 100 that is the first page.
 */
async function listNeededPosts(
  connection: InstagramConnection,
  events: GalleryEvent[],
  feedPosts: number,
): Promise<InstagramPost[]> {
  const earliest = earliestWindowStart(events);
  if (earliest === undefined && feedPosts === 0) return [];
  const posts: InstagramPost[] = [];
  for await (const page of listMedia(connection.client, {
    ...(connection.userId && { userId: connection.userId }),
    limit: 100,
  })) {
    posts.push(...page.filter(hasTimestamp).map(normalizePost));
    const oldest = page.at(-1);
    if (!oldest?.timestamp) break;
    const pastWindows =
      earliest === undefined || Date.parse(isoFromGraph(oldest.timestamp)) < earliest;
    if (pastWindows && posts.length >= feedPosts) break;
  }
  return posts;
}

function hasTimestamp(media: GraphMedia): boolean {
  return typeof media.timestamp === 'string';
}

async function fallBack(
  error: unknown,
  input: InstagramSyncInput,
  dataDir: string,
  facebookLogin: boolean,
): Promise<InstagramSyncOutcome> {
  if (error instanceof InstagramSyncError) throw error; // already strict mode's own verdict
  const { cause, remedy } = explainSyncFailure(error, { facebookLogin });
  if (input.options.instagram.strict) throw new InstagramSyncError(cause, remedy, { cause: error });
  const snapshot = await readSnapshot(dataDir);
  if (!snapshot) {
    input.logger.error(
      `Instagram sync failed: ${cause}. No earlier snapshot exists, so galleries show guest photos only. Fix: ${remedy}`,
    );
    return { posts: [], source: 'none', downloads: 0 };
  }
  input.logger.error(
    `Instagram sync failed: ${cause}. This build uses the last good snapshot from ${snapshot.syncedAt} (${snapshot.posts.length} posts). Fix: ${remedy}`,
  );
  return await fromSnapshot(snapshot, input);
}

async function withoutCredentials(
  input: InstagramSyncInput,
  dataDir: string,
): Promise<InstagramSyncOutcome> {
  const remedy =
    'set IG_ACCESS_TOKEN (and optionally IG_USER_ID), or connect an account in /admin.';
  if (input.options.instagram.strict)
    throw new InstagramSyncError('no Instagram access token is configured', remedy);
  const snapshot = await readSnapshot(dataDir);
  if (snapshot) {
    input.logger.warn(
      `No Instagram access token: using the last snapshot from ${snapshot.syncedAt}. To sync, ${remedy}`,
    );
    return await fromSnapshot(snapshot, input);
  }
  input.logger.warn(
    `No Instagram access token and no snapshot: galleries show guest photos only. To add Instagram posts, ${remedy}`,
  );
  return { posts: [], source: 'none', downloads: 0 };
}

/**
 * Snapshot posts placed again, since event files and options may have changed since it was
 * written. The snapshot holds each account's newest posts, so its newest are still those.
 * Posts whose media files left the cache are left out, each named in a warning.
 */
async function fromSnapshot(
  snapshot: InstagramSnapshot,
  { events, options, cache, logger }: InstagramSyncInput,
): Promise<InstagramSyncOutcome> {
  const placed = placePosts(snapshot.posts, events, options.instagram.feedPosts).map(
    ({ post, ...placement }) => ({ ...post, ...placement }),
  );
  const posts = await withMediaOnDisk(placed, cache, logger);
  return { posts, source: 'snapshot', syncedAt: snapshot.syncedAt, downloads: 0 };
}
