import type { InstagramSyncOptions } from './integration/index.ts';

/**
 * The reference site's options, shared by astro.config.mjs (the integration) and
 * src/content.config.ts (the loaders). Secrets come from the environment, never from here.
 */
export default {
  eventsDir: 'content/events',
  // The admin, publishing, analytics and OAuth routes (with the Node adapter in astro.config.mjs).
  server: true,
  // With no IG_ACCESS_TOKEN, sync from the built-in Graph API emulator's demo account.
  instagram: { demo: true },
} satisfies InstagramSyncOptions;
