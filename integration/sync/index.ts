export { eventsLoader, guestPhotosLoader, instagramLoader } from './loaders.ts';
export { eventSchema, guestPhotoSchema, instagramPostSchema } from './schemas.ts';
export type { GalleryEvent } from '../events/event-file.ts';
export { postMatchesEvent, matchPostsToEvents } from '../events/match-window.ts';
export { wallClockToInstant, formatInZone } from '../events/time-zone.ts';
export { hashtagsOf } from '../events/hashtags.ts';
