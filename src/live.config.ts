import { defineLiveCollection } from 'astro:content';
import { instagramLiveLoader } from '../integration/live/index.ts';
import syncOptions from '../instagram-sync.config.ts';

export const collections = {
  // The live galleries (/g/<id>/live): Instagram posts read at request time, once per LIVE_TTL_SECONDS.
  instagramLive: defineLiveCollection({ loader: instagramLiveLoader(syncOptions) }),
};
