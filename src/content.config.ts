import { defineCollection } from 'astro:content';
import {
  eventSchema,
  eventsLoader,
  guestPhotoSchema,
  guestPhotosLoader,
  instagramLoader,
  instagramPostSchema,
} from '../integration/sync/index.ts';
import syncOptions from '../instagram-sync.config.ts';

export const collections = {
  events: defineCollection({ loader: eventsLoader(syncOptions), schema: eventSchema }),
  guestPhotos: defineCollection({
    loader: guestPhotosLoader(syncOptions),
    schema: guestPhotoSchema,
  }),
  instagram: defineCollection({
    loader: instagramLoader(syncOptions),
    schema: instagramPostSchema,
  }),
};
