/**
 * `astro-instagram-sync/live`: the live loader of Instagram posts for `src/live.config.ts`, and
 * what a live page needs. See docs/live.md.
 */
export {
  instagramLiveLoader,
  LiveGalleryError,
  liveGalleryReason,
  type LiveCollectionFilter,
  type LiveGalleryReason,
} from './live-loader.ts';
export type { LiveItem, LivePost } from './live-posts.ts';
export type { LiveEventState } from './live-events.ts';
export type { LivePostSource, LiveRead, LiveSnapshot } from './live-feed.ts';
export { liveEventOf } from './live-event-of.ts';
