import pLimit from 'p-limit';
import type { Dispatcher } from 'undici';
import type { GalleryEvent } from '../events/event-file.ts';
import { downloadMedia } from '../media/download.ts';
import type { CachedMedia, MediaCache } from '../media/media-cache.ts';
import type { StateStore, TaggedCandidate } from '../store/index.ts';

/** An approved guest's post as a gallery shows it: pictures copied into the site. */
export interface TaggedPost {
  id: string;
  eventId: string;
  author: string;
  /** The author's profile: the credit. */
  authorUrl: string;
  permalink?: string;
  caption?: string;
  postedAt: string;
  source: TaggedCandidate['source'];
  /** Files in the media cache folder, with their facts, in the post's order. */
  pictures: { file: string; width?: number; height?: number; placeholder?: string }[];
}

export interface TaggedPostsOptions {
  store: Pick<StateStore, 'listTaggedCandidates'>;
  /** The site's events: a candidate of an event that is gone or private is left out. */
  events: readonly GalleryEvent[];
  cache: MediaCache;
  concurrency: number;
  maxImageBytes: number;
  timeoutMs: number;
  dispatcher?: Dispatcher;
  warn: (message: string) => void;
}

/**
 * The approved tagged posts, and only those: pending, rejected and removed ones never leave the
 * store. Each picture is downloaded once into the media cache (keyed by media id and position:
 * a post's media never changes), so the site serves its own copy, never Instagram's CDN. A
 * picture that cannot be downloaded is left out with a warning; the post keeps its credit.
 */
export async function syncTaggedPosts(options: TaggedPostsOptions): Promise<TaggedPost[]> {
  const shown = new Set(
    options.events.filter((event) => event.visibility !== 'private').map((event) => event.id),
  );
  const approved = (await options.store.listTaggedCandidates({ status: ['approved'] })).filter(
    (candidate) => shown.has(candidate.eventId),
  );
  const limit = pLimit(options.concurrency);
  return Promise.all(
    approved.map(async (candidate) => ({
      id: candidate.mediaId,
      eventId: candidate.eventId,
      author: candidate.author,
      authorUrl: `https://www.instagram.com/${encodeURIComponent(candidate.author)}/`,
      ...(candidate.permalink && { permalink: candidate.permalink }),
      ...(candidate.caption && { caption: candidate.caption }),
      postedAt: candidate.postedAt,
      source: candidate.source,
      pictures: (
        await Promise.all(
          candidate.mediaUrls.map((url, index) =>
            limit(() => picture(options, `tagged:${candidate.mediaId}:${index}`, url)),
          ),
        )
      ).flatMap((cached) => (cached?.file ? [pictureOf(cached, cached.file)] : [])),
    })),
  );
}

async function picture(
  options: TaggedPostsOptions,
  key: string,
  url: string,
): Promise<CachedMedia | undefined> {
  const cached = await options.cache.get(key);
  if (cached) return cached;
  try {
    const { bytes, contentType } = await downloadMedia(url, {
      accept: /^image\//,
      maxBytes: options.maxImageBytes,
      timeoutMs: options.timeoutMs,
      ...(options.dispatcher && { dispatcher: options.dispatcher }),
    });
    return await options.cache.put(key, bytes, contentType);
  } catch (error) {
    options.warn(`A tagged post's picture was left out: ${(error as Error).message}`);
    return undefined;
  }
}

function pictureOf(cached: CachedMedia, file: string): TaggedPost['pictures'][number] {
  return {
    file,
    ...(cached.width !== undefined && { width: cached.width }),
    ...(cached.height !== undefined && { height: cached.height }),
    ...(cached.placeholder && { placeholder: cached.placeholder }),
  };
}
