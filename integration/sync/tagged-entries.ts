import path from 'node:path';
import type { GalleryEvent } from '../events/event-file.ts';
import { hashtagsOf } from '../events/hashtags.ts';
import { MediaCache } from '../media/media-cache.ts';
import type { ResolvedOptions } from '../options.ts';
import { processEnv, type Env } from '../shared/env.ts';
import { withBuildStore } from './build-store.ts';
import { syncTaggedPosts, type TaggedPost } from './tagged-posts.ts';

export interface TaggedEntriesInput {
  root: string;
  options: ResolvedOptions;
  events: readonly GalleryEvent[];
  logger: { info(message: string): void; warn(message: string): void };
  env?: Env;
}

/**
 * The approved tagged posts as entries of the `instagram` collection: in their event's gallery
 * (`eventIds`), never in a feed (`feed: false`), marked `taggedBy`. Their pictures sit in the
 * media folder beside the Instagram posts', so `./<file>` resolves the same way.
 */
export async function taggedPostEntries({
  root,
  options,
  events,
  logger,
  env = processEnv(),
}: TaggedEntriesInput): Promise<{ id: string; data: Record<string, unknown>; filePath: string }[]> {
  const dir = path.resolve(root, options.dataDir, 'media');
  const cache = await MediaCache.open(dir, 'tagged');
  const warn = (message: string) => logger.warn(message);
  const posts =
    (await withBuildStore(env, warn, (store) =>
      syncTaggedPosts({
        store,
        events,
        cache,
        concurrency: options.instagram.downloadConcurrency,
        maxImageBytes: options.instagram.maxImageBytes,
        timeoutMs: options.instagram.timeoutMs,
        warn,
      }),
    )) ?? [];
  await cache.save();
  if (posts.length > 0) logger.info(`${posts.length} approved tagged posts of guests.`);
  const filePath = path.relative(root, path.join(dir, 'tagged.index.json')).replaceAll('\\', '/');
  return posts.map((post) => ({ id: post.id, filePath, data: entryData(post) }));
}

function entryData(post: TaggedPost): Record<string, unknown> {
  return {
    eventIds: [post.eventId],
    privateEventIds: [],
    feed: false,
    mediaType: post.pictures.length > 1 ? 'CAROUSEL_ALBUM' : 'IMAGE',
    ...(post.caption && { caption: post.caption }),
    hashtags: hashtagsOf(post.caption),
    ...(post.permalink && { permalink: post.permalink }),
    timestamp: post.postedAt,
    username: post.author,
    source: 'live',
    // No picture (a mention Instagram Login could not read): the card says so and links on.
    items:
      post.pictures.length === 0
        ? [{ id: `${post.id}-0`, kind: 'unavailable' }]
        : post.pictures.map((picture, index) => ({
            id: `${post.id}-${index}`,
            kind: 'image',
            image: `./${picture.file}`,
            ...(picture.placeholder && { placeholder: picture.placeholder }),
          })),
    taggedBy: { author: post.author, profile: post.authorUrl, via: post.source },
  };
}
