import type { GalleryEvent } from '../events/event-file.ts';
import { loadEvents } from '../events/events.ts';
import type { ResolvedOptions } from '../options.ts';
import { processEnv, type Env } from '../shared/env.ts';
import { serverLog } from '../shared/log.ts';
import { LiveFeed, type LivePostSource } from './live-feed.ts';
import { liveEvents, liveEventState, type LiveEventState } from './live-events.ts';
import { LiveMediaCache } from './live-media-cache.ts';
import { readLiveSettings, type LiveSettings } from './live-settings.ts';
import { instagramLoginSource } from './live-source.ts';

export interface LiveRuntimeInput {
  options: ResolvedOptions;
  env?: Env;
  /** The site's root, where `eventsDir` is; default the working directory, as the server's. */
  root?: string;
  /** Default: Instagram Login with the build's accounts. */
  source?: LivePostSource;
  now?: () => number;
}

/**
 * What the live pages and the media proxy share in one process: the feed (one Graph call per
 * TTL for every page and picture), the events (read from their files at most once per TTL) and
 * the picture cache.
 */
export class LiveRuntime {
  readonly settings: LiveSettings;
  readonly feed: LiveFeed;
  readonly media: LiveMediaCache;
  readonly #options: ResolvedOptions;
  readonly #root: string;
  readonly #now: () => number;
  #events: { at: number; events: Promise<GalleryEvent[]> } | undefined;

  constructor(input: LiveRuntimeInput) {
    const { options } = input;
    this.settings = readLiveSettings(input.env ?? processEnv());
    this.#options = options;
    this.#root = input.root ?? process.cwd();
    this.#now = input.now ?? Date.now;
    this.feed = new LiveFeed({
      source: input.source ?? instagramLoginSource(options.instagram, { ...serverLog, debug() {} }),
      ttlMs: this.settings.ttlMs,
      now: this.#now,
      onError: (error) =>
        serverLog.warn(
          `Live gallery: reading Instagram failed (${error instanceof Error ? error.message : String(error)}); live pages show the last good posts, if any, until a retry works.`,
        ),
    });
    this.media = new LiveMediaCache({
      dir: this.settings.mediaDir,
      maxBytes: this.settings.mediaCacheBytes,
      maxImageBytes: options.instagram.maxImageBytes,
      timeoutMs: options.instagram.timeoutMs,
    });
  }

  now(): number {
    return this.#now();
  }

  /** The site's events, read afresh once per TTL. */
  events(): Promise<GalleryEvent[]> {
    const now = this.#now();
    if (!this.#events || now - this.#events.at >= this.settings.ttlMs) {
      const { eventsDir, window } = this.#options;
      const events = loadEvents(this.#root, eventsDir, window);
      this.#events = { at: now, events };
      events.catch(() => {
        if (this.#events?.events === events) this.#events = undefined;
      });
    }
    return this.#events.events;
  }

  async eventState(id: string): Promise<LiveEventState> {
    return liveEventState(await this.events(), id, this.#now());
  }

  /** The events live now, and the earliest instant any of them takes posts from. */
  async live(): Promise<{ events: GalleryEvent[]; sinceMs: number }> {
    const events = liveEvents(await this.events(), this.#now());
    const sinceMs = Math.min(...events.map((event) => Date.parse(event.window.fromUtc)));
    return { events, sinceMs };
  }
}

const REGISTRY = Symbol.for('astro-instagram-sync.live');
type Registry = { [REGISTRY]?: LiveRuntime };

/**
 * The process's live runtime, made on the first call: the loader of the pages and the media
 * route may be two copies of this module (the start script and the bundle), so it is kept on
 * globalThis, as the server's services are.
 */
export function liveRuntime(options: ResolvedOptions): LiveRuntime {
  const registry = globalThis as Registry;
  registry[REGISTRY] ??= new LiveRuntime({ options });
  return registry[REGISTRY];
}

/** Forgets the process's live runtime (tests). */
export function resetLiveRuntime(): void {
  delete (globalThis as Registry)[REGISTRY];
}
