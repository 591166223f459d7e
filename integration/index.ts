import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { envField } from 'astro/config';
import { resolveOptions, type InstagramSyncOptions } from './options.ts';
import { loadEvents } from './sync/events.ts';
import { copySyncedVideos, serveSyncedVideos, VIDEO_ROUTE } from './sync/video-files.ts';

export type { InstagramSyncOptions, ResolvedOptions } from './options.ts';
export { eventsLoader, guestPhotosLoader, instagramLoader } from './sync/loaders.ts';
export { eventSchema, guestPhotoSchema, instagramPostSchema } from './sync/schemas.ts';

const secret = () => envField.string({ context: 'server', access: 'secret', optional: true });
const publicServer = () => envField.string({ context: 'server', access: 'public', optional: true });

/**
 * The astro-instagram-sync integration. Collections cannot be registered by an integration,
 * so `src/content.config.ts` uses the exported loaders with the same options.
 */
export default function instagramSync(userOptions: InstagramSyncOptions = {}): AstroIntegration {
  const options = resolveOptions(userOptions); // fail at config time, naming the option
  let root = process.cwd();
  const dataDir = () => path.resolve(root, options.dataDir);
  const mediaDir = () => path.join(dataDir(), 'media');

  return {
    name: 'astro-instagram-sync',
    hooks: {
      'astro:config:setup': ({ config, updateConfig }) => {
        root = fileURLToPath(config.root);
        updateConfig({
          env: {
            schema: {
              IG_ACCESS_TOKEN: secret(),
              INSTAGRAM_ACCESS_TOKEN: secret(),
              IG_USER_ID: publicServer(),
              INSTAGRAM_GRAPH_BASE: publicServer(),
              IG_SYNC_STRICT: publicServer(),
              S3_ENDPOINT: publicServer(),
              S3_REGION: publicServer(),
              S3_BUCKET: publicServer(),
              S3_PREFIX: publicServer(),
              S3_FORCE_PATH_STYLE: publicServer(),
              AWS_ACCESS_KEY_ID: secret(),
              AWS_SECRET_ACCESS_KEY: secret(),
            },
          },
        });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(VIDEO_ROUTE, serveSyncedVideos(mediaDir()));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const copied = await copySyncedVideos(dataDir(), mediaDir(), fileURLToPath(dir));
        if (copied > 0) logger.info(`copied ${copied} Instagram videos to ${VIDEO_ROUTE}`);
      },
    },
  };
}

/** Paths of unlisted event pages ("/g/<id>/"), for a sitemap filter. */
export async function unlistedEventPaths(userOptions: InstagramSyncOptions = {}, root = process.cwd()): Promise<string[]> {
  const options = resolveOptions(userOptions);
  const events = await loadEvents(root, options.eventsDir, options.window);
  return events.filter((event) => event.visibility === 'unlisted').map((event) => `/g/${event.id}/`);
}
