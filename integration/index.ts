import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { resolveOptions, type InstagramSyncOptions } from './options.ts';
import { configModulePlugin } from './config-module.ts';
import { loadEvents } from './events/events.ts';
import { embedHeaderRules } from './embed/embed-headers.ts';
import { EMBED_ROUTES } from './embed/routes.ts';
import { requireSite } from './embed/site-url.ts';
import { setRuleHeaders, writeEmbedHeaders } from './embed/static-headers.ts';
import {
  type DerivedImages,
  derivedImagesFor,
  pullDerived,
  pushDerived,
} from './build/derived-images.ts';
import { precompress } from './build/precompress.ts';
import { DOWNLOAD_LISTS_ROUTE, settleDownloads } from './download/write-downloads.ts';
import { SERVER_ROUTES } from './server/routes.ts';
import { sessionOnStateStore } from './server/session-config.ts';
import { copySyncedVideos, serveSyncedVideos, VIDEO_ROUTE } from './sync/video-files.ts';

export type { InstagramSyncOptions, ResolvedOptions } from './options.ts';

// Route files are named `*.ts` in the source tree and `*.js` in the published package (lib/).
const SOURCE_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const entrypoint = (dir: string, file: string) =>
  new URL(`./${dir}/${file.replace(/\.ts$/, SOURCE_EXTENSION)}`, import.meta.url);
export { eventsLoader, guestPhotosLoader, instagramLoader } from './sync/loaders.ts';
export { eventSchema, guestPhotoSchema, instagramPostSchema } from './sync/schemas.ts';
export { stateStoreSessionDriver } from './server/session-config.ts';

/**
 * The astro-instagram-sync integration. Collections cannot be registered by an integration,
 * so `src/content.config.ts` uses the exported loaders with the same options.
 */
export default function instagramSync(userOptions: InstagramSyncOptions = {}): AstroIntegration {
  const options = resolveOptions(userOptions); // fail at config time, naming the option
  let root = process.cwd();
  let base = '/';
  const dataDir = () => path.resolve(root, options.dataDir);
  const mediaDir = () => path.join(dataDir(), 'media');
  // Astro's cache of encoded images, mirrored to the configured storage around each build.
  let imageCache = path.join(root, 'node_modules/.astro/assets');
  let derived: DerivedImages | undefined;
  let serverDir = path.join(root, 'dist/server');
  const derivedImages = () => (derived ??= derivedImagesFor(options.guestPhotos, dataDir()));

  return {
    name: 'astro-instagram-sync',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig, injectRoute, addMiddleware }) => {
        root = fileURLToPath(config.root);
        base = config.base;
        // AVIF at effort 2 encodes about 6× faster than sharp's default 4 for about 10 % more
        // bytes at the same quality (docs/decisions.md); a site's own AVIF settings win.
        const service = config.image.service;
        if (!service.config?.avif)
          updateConfig({
            image: { service: { ...service, config: { ...service.config, avif: { effort: 2 } } } },
          });
        // Progress lines instead of one line per image and page; a logger of the site's own wins.
        if (command === 'build' && !config.logger)
          updateConfig({ logger: { entrypoint: entrypoint('build', 'progress-logger.ts') } });
        if (options.embed.enabled) {
          if (command === 'build') requireSite(config.site);
          for (const route of EMBED_ROUTES)
            injectRoute({
              pattern: route.pattern,
              entrypoint: entrypoint('embed', route.file),
              prerender: true,
            });
        }
        // Every event's "Download all" files, listed while the pages are built (settleDownloads).
        injectRoute({
          pattern: DOWNLOAD_LISTS_ROUTE,
          entrypoint: entrypoint('download', 'download-lists-route.ts'),
          prerender: true,
        });
        if (!options.server) return;
        // The server's code reads these options through `virtual:astro-instagram-sync/config`.
        updateConfig({ vite: { plugins: [configModulePlugin(userOptions)] } });
        for (const route of SERVER_ROUTES) {
          injectRoute({
            pattern: route.pattern,
            entrypoint: entrypoint('server/routes', route.file),
            prerender: false,
          });
        }
        addMiddleware({ entrypoint: entrypoint('server', 'middleware.ts'), order: 'pre' });
        // Sessions (the admin login) in the state store, so every instance knows them.
        const session = sessionOnStateStore(config);
        if (session) {
          // updateConfig merges objects key by key: clear the block first, so that nothing of
          // the adapter's default driver (its folder) is left in the new driver's options.
          updateConfig({ session: false });
          updateConfig({ session });
        }
        // The integration's middleware does this check itself, for every on-demand route: unlike
        // Astro's, it lets bearer-token clients (CI) through and knows PUBLIC_BASE_URL behind a proxy.
        updateConfig({ security: { checkOrigin: false } });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(VIDEO_ROUTE, serveSyncedVideos(mediaDir()));
        if (options.embed.enabled) {
          const rules = embedHeaderRules(options.embed.origins, [], base);
          server.middlewares.use((req, res, next) => {
            setRuleHeaders(rules, req, res);
            next();
          });
        }
      },
      'astro:config:done': ({ config }) => {
        imageCache = fileURLToPath(new URL('assets/', config.cacheDir));
        serverDir = fileURLToPath(config.build.server);
      },
      'astro:build:start': async ({ logger }) => {
        const store = derivedImages();
        try {
          const fetched = await pullDerived(store, imageCache);
          logger.info(`${fetched} encoded images fetched from ${store.description}`);
        } catch (error) {
          logger.warn(
            `cannot read the encoded images in ${store.description} (${(error as Error).message}): images missing here are encoded here`,
          );
        }
      },
      'astro:build:done': async ({ dir, logger }) => {
        const store = derivedImages();
        try {
          const stored = await pushDerived(store, imageCache);
          if (stored > 0)
            logger.info(`${stored} new encoded images stored in ${store.description}`);
        } catch (error) {
          logger.warn(
            `cannot store the new encoded images in ${store.description} (${(error as Error).message}): the next machine encodes them again`,
          );
        }
        const copied = await copySyncedVideos(dataDir(), mediaDir(), fileURLToPath(dir));
        if (copied > 0) logger.info(`copied ${copied} Instagram videos to ${VIDEO_ROUTE}`);
        // After the videos: a static site's ZIPs hold them. The server streams its ZIPs instead.
        const zips = await settleDownloads(
          fileURLToPath(dir),
          options.server ? serverDir : undefined,
        );
        if (zips > 0) logger.info(`wrote ${zips} "Download all" ZIPs (g/<event>/photos.zip)`);
        if (options.embed.enabled) {
          await writeEmbedHeaders(fileURLToPath(dir), options.embed.origins, base);
          logger.info(
            `embed pages may be framed by: ${options.embed.origins.join(' ')} (rules in _headers)`,
          );
        }
        const packed = await precompress(fileURLToPath(dir));
        const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
        logger.info(
          `precompressed ${packed.files} text files: ${kb(packed.bytes)}, ${kb(packed.brotliBytes)} as brotli, ${kb(packed.gzipBytes)} as gzip`,
        );
      },
    },
  };
}

/** Paths of unlisted event pages ("/g/<id>/" and their embed pages "/embed/g/<id>/"), for a sitemap filter. */
export async function unlistedEventPaths(
  userOptions: InstagramSyncOptions = {},
  root = process.cwd(),
): Promise<string[]> {
  const options = resolveOptions(userOptions);
  const events = await loadEvents(root, options.eventsDir, options.window);
  return events
    .filter((event) => event.visibility === 'unlisted')
    .flatMap((event) => [`/g/${event.id}/`, `/embed/g/${event.id}/`]);
}
