import type { GraphUsage } from '../graph/index.ts';
import type { InstagramPost } from '../sync/instagram-post.ts';
import { intervalAfterFailure, intervalAfterSuccess } from './refresh-interval.ts';

/** What a live source read: the posts made since the time asked, and the usage Graph reported. */
export interface LiveRead {
  posts: InstagramPost[];
  usage?: GraphUsage | undefined;
}

/**
 * Where live posts come from: the seam a second host flavour (Facebook Login, graph.facebook.com)
 * plugs into. One `read` is one refresh of the feed, whatever the number of visitors.
 */
export interface LivePostSource {
  /** Posts made at or after `sinceMs`, of every account in use. */
  read(sinceMs: number): Promise<LiveRead>;
}

/** The feed's answer: the last good posts, when they were read, and why they may be old. */
export interface LiveSnapshot {
  posts: InstagramPost[];
  readAt: number;
  /** The last refresh failed: these are the last good posts (stale while revalidating). */
  stale?: string;
}

export interface LiveFeedOptions {
  source: LivePostSource;
  ttlMs: number;
  /** A visitor waits this long for a refresh when older posts are there to show instead. Default 2 000. */
  maxWaitMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/**
 * The posts of the live pages, read once per TTL for every visitor together: one refresh at a
 * time (single flight), the last good posts kept when a refresh fails (and tried again after a
 * growing wait), and calls spaced out when Graph reports high usage.
 */
export class LiveFeed {
  readonly #options: LiveFeedOptions;
  #last: LiveSnapshot | undefined;
  /** The earliest `since` the last good read covered: a request for older posts reads again. */
  #lastSince = Number.POSITIVE_INFINITY;
  #refresh: Promise<LiveSnapshot> | undefined;
  #nextReadAt = 0;
  #failures = 0;
  /** Why the last refresh failed while no good posts were there yet: repeated until the retry. */
  #error: unknown;

  constructor(options: LiveFeedOptions) {
    this.#options = options;
  }

  get #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  /** The posts made since `sinceMs`, at most a TTL old unless Graph fails or asks to slow down. */
  async posts(sinceMs: number): Promise<LiveSnapshot> {
    const last = this.#last;
    const covered = last !== undefined && sinceMs >= this.#lastSince;
    // Within the TTL, or backing off after a failure: no call (a wider `since` waits only for the TTL).
    if (this.#now < this.#nextReadAt && (covered || this.#failures > 0)) {
      if (last) return last;
      throw this.#error;
    }
    const refresh = this.#refresh ?? this.#start(Math.min(sinceMs, this.#lastSince));
    if (!covered) return refresh;
    return Promise.race([refresh.catch(() => last), this.#wait(last)]);
  }

  #start(sinceMs: number): Promise<LiveSnapshot> {
    const refresh = this.#read(sinceMs).finally(() => {
      this.#refresh = undefined;
    });
    this.#refresh = refresh;
    return refresh;
  }

  async #read(sinceMs: number): Promise<LiveSnapshot> {
    const { ttlMs } = this.#options;
    try {
      const { posts, usage } = await this.#options.source.read(sinceMs);
      this.#failures = 0;
      this.#error = undefined;
      this.#last = { posts, readAt: this.#now };
      this.#lastSince = sinceMs;
      this.#nextReadAt = this.#now + intervalAfterSuccess(ttlMs, usage);
      return this.#last;
    } catch (error) {
      this.#failures += 1;
      const retryAfter = (error as { retryAfterMs?: number }).retryAfterMs;
      this.#nextReadAt = this.#now + intervalAfterFailure(ttlMs, this.#failures, retryAfter);
      this.#options.onError?.(error);
      if (!this.#last) {
        this.#error = error;
        throw error;
      }
      this.#last = { ...this.#last, stale: messageOf(error) };
      return this.#last;
    }
  }

  #wait(last: LiveSnapshot): Promise<LiveSnapshot> {
    const ms = this.#options.maxWaitMs ?? 2_000;
    return new Promise((resolve) => setTimeout(resolve, ms, last).unref());
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
