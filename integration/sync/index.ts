export { eventsLoader, guestPhotosLoader, instagramLoader } from './loaders.ts';
export { eventSchema, guestPhotoSchema, instagramPostSchema } from './schemas.ts';
export type { GalleryEvent } from './event-file.ts';
export { postMatchesEvent, matchPostsToEvents } from './match-window.ts';
export { wallClockToInstant, formatInZone } from './time-zone.ts';
export { hashtagsOf } from './captions.ts';
