export { eventsLoader, guestPhotosLoader, instagramLoader, taggedPostsLoader } from './loaders.ts';
export { eventSchema, guestPhotoSchema, instagramPostSchema, taggedPostSchema } from './schemas.ts';
export type { GalleryEvent } from '../events/event-file.ts';
export { postMatchesEvent, matchPostsToEvents } from '../events/match-window.ts';
export { wallClockToInstant, formatInZone } from '../events/time-zone.ts';
export { hashtagsOf } from '../events/hashtags.ts';
