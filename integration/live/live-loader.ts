import type { LiveLoader } from 'astro/loaders';
import { postMatchesEvent } from '../events/match-window.ts';
import { resolveOptions, type InstagramSyncOptions } from '../options.ts';
import { livePostsOf, toLivePost, type LivePost } from './live-posts.ts';
import { liveRuntime, type LiveRuntime } from './live-runtime.ts';

/** Why a live gallery has no posts to show: its page falls back on it (see docs/live.md). */
export type LiveGalleryReason = 'no_event' | 'private' | 'not_live' | 'unavailable';

export class LiveGalleryError extends Error {
  readonly reason: LiveGalleryReason;

  constructor(reason: LiveGalleryReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'LiveGalleryError';
    this.reason = reason;
  }
}

/** `getLiveCollection(name, { event })`: the posts of that event's live gallery. */
export interface LiveCollectionFilter {
  event: string;
}

/**
 * Instagram posts of the events live now, read at request time (`src/live.config.ts`): the same
 * windows and matching rules as the build's instagramLoader, one Graph call per account per
 * LIVE_TTL_SECONDS whatever the number of visitors, the last good posts when Instagram fails,
 * and pictures through the server's media proxy (`/g/<id>/live/media/<item>`), never the CDN's
 * URLs. Outside an event's window, for a private or unknown event, or with nothing read yet,
 * the answer is a LiveGalleryError naming the reason.
 */
export function instagramLiveLoader(
  userOptions?: InstagramSyncOptions,
): LiveLoader<LivePost, { id: string }, LiveCollectionFilter, LiveGalleryError> {
  let runtime: LiveRuntime | undefined;
  const live = () => (runtime ??= liveRuntime(resolveOptions(userOptions)));
  return {
    name: 'astro-instagram-sync:instagram-live',
    async loadCollection({ filter }) {
      const id = filter?.event;
      if (typeof id !== 'string' || id === '')
        return {
          error: new LiveGalleryError(
            'no_event',
            'pass the event: getLiveCollection(…, { event: "<id>" }).',
          ),
        };
      const found = await live().eventState(id);
      if (found.state !== 'live') return { error: refusal(found.state, id) };
      const { events, sinceMs } = await live().live();
      try {
        const snapshot = await live().feed.posts(sinceMs);
        return {
          entries: livePostsOf(snapshot.posts, found.event, events).map((post) => ({
            id: post.id,
            data: post,
          })),
          cacheHint: { tags: [`event:${id}`], lastModified: new Date(snapshot.readAt) },
        };
      } catch (error) {
        return {
          error: new LiveGalleryError(
            'unavailable',
            `the live posts of ${id} could not be read yet: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          ),
        };
      }
    },
    async loadEntry({ filter }) {
      const { events, sinceMs } = await live().live();
      if (events.length === 0) return undefined;
      try {
        const snapshot = await live().feed.posts(sinceMs);
        const post = snapshot.posts.find((candidate) => candidate.id === filter.id);
        const event = post && events.find((candidate) => postMatchesEvent(post, candidate));
        if (!post || !event) return undefined;
        return { id: post.id, data: toLivePost(post, event.id, events) };
      } catch (error) {
        return {
          error: new LiveGalleryError('unavailable', 'the live posts could not be read yet.', {
            cause: error,
          }),
        };
      }
    },
  };
}

function refusal(state: 'no_event' | 'private' | 'not_live', id: string): LiveGalleryError {
  const messages = {
    no_event: `there is no event ${id}.`,
    private: `${id} is private: it has no live gallery.`,
    not_live: `${id} is not live now: its gallery is the built one.`,
  };
  return new LiveGalleryError(state, messages[state]);
}

/** The reason of a live collection's error, when it is a LiveGalleryError (else undefined). */
export function liveGalleryReason(error: unknown): LiveGalleryReason | undefined {
  return error instanceof LiveGalleryError ? error.reason : undefined;
}
