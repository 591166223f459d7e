/** What the server's media route uses of the live galleries (not a package export). */
export { findLiveItem, pictureUrl } from './live-posts.ts';
export { liveRuntime } from './live-runtime.ts';
