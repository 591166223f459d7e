import pLimit from 'p-limit';
import type { Dispatcher } from 'undici';
import { DownloadError, downloadMedia } from '../media/download.ts';
import type { InstagramPost, PostItem, SyncedItem, SyncedPost } from './instagram-post.ts';
import type { CachedMedia, MediaCache } from '../media/media-cache.ts';
import type { PostPlacement } from './place-posts.ts';

export interface PostMediaOptions {
  cache: MediaCache;
  concurrency: number;
  maxImageBytes: number;
  maxVideoBytes: number;
  timeoutMs: number;
  dispatcher?: Dispatcher;
  /** Reads the post again for fresh CDN URLs, used once when the CDN says a URL expired. */
  reread: (postId: string) => Promise<InstagramPost>;
  /** Waits between download attempts (tests record the waits instead). */
  sleep?: (ms: number) => Promise<void>;
}

/** A CDN 5xx, timeout or dropped connection is tried this many more times, after 0.5 s, then 1 s. */
const DOWNLOAD_RETRIES = 2;
const RETRY_BASE_MS = 500;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface PostMediaResult {
  posts: SyncedPost[];
  failures: { post: InstagramPost; placement: PostPlacement; error: Error }[];
  downloads: number;
}

/**
 * Stores every image, video and thumbnail of the posts locally, at most `concurrency`
 * downloads at a time. Media already in the cache is not downloaded again: Instagram media
 * never changes once posted, so its id is a stable cache key.
 */
export async function storePostMedia(
  posts: (PostPlacement & { post: InstagramPost })[],
  options: PostMediaOptions,
): Promise<PostMediaResult> {
  const limit = pLimit(options.concurrency);
  const sleep = options.sleep ?? defaultSleep;
  let downloads = 0;
  const download = (url: string, video: boolean) =>
    limit(() =>
      downloadMedia(url, {
        accept: video ? /^video\// : /^image\//,
        maxBytes: video ? options.maxVideoBytes : options.maxImageBytes,
        timeoutMs: options.timeoutMs,
        ...(options.dispatcher && { dispatcher: options.dispatcher }),
      }),
    );
  const fetchInto = async (key: string, url: string, video: boolean): Promise<CachedMedia> => {
    const cached = await options.cache.get(key);
    if (cached) return cached;
    for (let retries = 0; ; retries++) {
      try {
        const { bytes, contentType } = await download(url, video);
        downloads++;
        return await options.cache.put(key, bytes, contentType);
      } catch (error) {
        if (!(error instanceof DownloadError && error.transient) || retries >= DOWNLOAD_RETRIES)
          throw error;
        await sleep(RETRY_BASE_MS * 2 ** retries); // outside the limit: others download meanwhile
      }
    }
  };

  const settled = await Promise.all(
    posts.map(async ({ post, ...placement }) => {
      try {
        return {
          ok: {
            ...withoutItems(post),
            ...placement,
            items: await storeItemsWithRetry(post, fetchInto, options.reread),
          } as SyncedPost,
        };
      } catch (error) {
        return { failed: { post, placement, error: error as Error } };
      }
    }),
  );
  return {
    posts: settled.flatMap((s) => (s.ok ? [s.ok] : [])),
    failures: settled.flatMap((s) => (s.failed ? [s.failed] : [])),
    downloads,
  };
}

type FetchInto = (key: string, url: string, video: boolean) => Promise<CachedMedia>;

async function storeItemsWithRetry(
  post: InstagramPost,
  fetchInto: FetchInto,
  reread: PostMediaOptions['reread'],
): Promise<SyncedItem[]> {
  try {
    return await storeItems(post.items, fetchInto);
  } catch (error) {
    if (!(error instanceof DownloadError && error.expired)) throw error;
    // The listing's signed CDN URLs expired before we got to them: the media node hands out fresh ones.
    return storeItems((await reread(post.id)).items, fetchInto);
  }
}

function storeItems(items: PostItem[], fetchInto: FetchInto): Promise<SyncedItem[]> {
  return Promise.all(items.map((item) => storeItem(item, fetchInto)));
}

async function storeItem(item: PostItem, fetchInto: FetchInto): Promise<SyncedItem> {
  const base = { id: item.id, ...(item.altText && { altText: item.altText }) };
  if (item.mediaType === 'VIDEO') {
    const poster = item.thumbnailUrl
      ? await fetchInto(`ig:${item.id}:thumbnail`, item.thumbnailUrl, false)
      : undefined;
    if (!item.mediaUrl)
      return poster ? { ...base, kind: 'image', image: poster } : { ...base, kind: 'unavailable' };
    const video = await fetchInto(`ig:${item.id}:video`, item.mediaUrl, true);
    return { ...base, kind: 'video', video, ...(poster && { image: poster }) };
  }
  if (!item.mediaUrl) return { ...base, kind: 'unavailable' };
  return {
    ...base,
    kind: 'image',
    image: await fetchInto(`ig:${item.id}:image`, item.mediaUrl, false),
  };
}

function withoutItems(post: InstagramPost): Omit<InstagramPost, 'items'> {
  const { items: _items, ...rest } = post;
  return rest;
}
