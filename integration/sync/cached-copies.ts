import type { GraphLogger } from '../graph/index.ts';
import type { MediaCache } from '../media/media-cache.ts';
import type { InstagramPost, SyncedPost } from './instagram-post.ts';
import type { PostPlacement } from './place-posts.ts';

/** How a build log names a post: its id, and its permalink when it has one. */
export function postName(post: Pick<InstagramPost, 'id' | 'permalink'>): string {
  return `Instagram post ${post.id}${post.permalink ? ` (${post.permalink})` : ''}`;
}

/** The first media file of the post that is not in the cache folder, if any. */
export async function missingMediaFile(
  post: SyncedPost,
  cache: MediaCache,
): Promise<string | undefined> {
  for (const item of post.items) {
    for (const media of [item.image, item.video]) {
      if (media && !(await cache.hasFile(media))) return media.file;
    }
  }
  return undefined;
}

/**
 * The posts whose media files are all in the cache. A page naming a missing file fails the
 * whole build (`ImageNotFound`), so any other post is left out with a warning naming it.
 */
export async function withMediaOnDisk(
  posts: SyncedPost[],
  cache: MediaCache,
  logger: GraphLogger,
): Promise<SyncedPost[]> {
  const usable: SyncedPost[] = [];
  for (const post of posts) {
    const missing = await missingMediaFile(post, cache);
    if (missing === undefined) usable.push(post);
    else
      logger.warn(
        `${postName(post)}: its media file ${missing} is missing from the media cache, so it is left out of this build; the next sync that reaches Instagram downloads it again.`,
      );
  }
  return usable;
}

export interface FailedDownload {
  post: InstagramPost;
  placement: PostPlacement;
  error: Error;
}

export interface RecoveredPosts {
  /** Snapshot copies whose files are all cached: they go into this build. */
  kept: SyncedPost[];
  /** Snapshot copies missing a file: not in this build, but kept in the next snapshot. */
  unusable: SyncedPost[];
  /** The posts this build leaves out. */
  leftOut: InstagramPost[];
}

/**
 * What becomes of the posts whose media could not be downloaded: the last snapshot's copy when
 * every file it names is still cached (Instagram media never changes once posted), else the
 * post is left out of this build with a warning naming it and why.
 */
export async function recoverFailedDownloads(
  failures: FailedDownload[],
  previous: SyncedPost[],
  cache: MediaCache,
  logger: GraphLogger,
): Promise<RecoveredPosts> {
  const recovered: RecoveredPosts = { kept: [], unusable: [], leftOut: [] };
  for (const { post, placement, error } of failures) {
    const earlier = previous.find((p) => p.id === post.id);
    const copy = earlier && { ...earlier, ...placement };
    const missing = copy && (await missingMediaFile(copy, cache));
    const failed = `${postName(post)}: media download failed (${error.message})`;
    if (copy && missing === undefined) {
      recovered.kept.push(copy);
      logger.warn(`${failed}; keeping its copy from the last snapshot.`);
      continue;
    }
    if (copy) recovered.unusable.push(copy);
    recovered.leftOut.push(post);
    logger.warn(
      `${failed} and ${copy ? `its file ${missing} is missing from the media cache` : 'no copy of it is cached'}, so it is left out of this build; the next sync tries again.`,
    );
  }
  return recovered;
}
