import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { approvedPhotos } from '../guest/approved-photos.ts';
import { guestSourceFor } from '../guest/index.ts';
import { resolveOptions, type InstagramSyncOptions, type ResolvedOptions } from '../options.ts';
import { eventSchema } from './schemas.ts';
import { loadEvents } from '../events/events.ts';
import { MediaCache } from '../media/media-cache.ts';
import { syncInstagram } from './instagram-sync.ts';
import { VIDEO_ROUTE } from './video-files.ts';
import type { SyncedItem } from './instagram-post.ts';
import { taggedPostEntries } from './tagged-entries.ts';

/**
 * Events from `content/events/*.yaml`. A bad file fails the build naming the file, the field and
 * the fix. Private events are left out: no static page, feed or listing can show them (the
 * server reads them from the files on demand, behind its gate).
 */
export function eventsLoader(userOptions?: InstagramSyncOptions): Loader {
  return {
    name: 'astro-instagram-sync:events',
    schema: eventSchema,
    async load(context) {
      const { root, options } = setup(context, userOptions);
      const events = await loadEvents(root, options.eventsDir, options.window);
      await replaceEntries(
        context,
        events
          .filter((event) => event.visibility !== 'private')
          .map(({ id, passwordHash: _hash, ...data }) => ({ id, data })),
      );
      context.watcher?.add(path.resolve(root, options.eventsDir));
    },
  };
}

/**
 * Approved guest photos of every event but the private ones, from the local folder or S3. Use
 * with `guestPhotoSchema`. A private event's photos never enter the build: in a collection,
 * Astro would copy them into the static output.
 */
export function guestPhotosLoader(userOptions?: InstagramSyncOptions): Loader {
  return {
    name: 'astro-instagram-sync:guest-photos',
    async load(context) {
      const { root, options } = setup(context, userOptions);
      const events = (await loadEvents(root, options.eventsDir, options.window)).filter(
        (event) => event.visibility !== 'private',
      );
      const cache = await MediaCache.open(mediaDir(root, options), 'guest-photos');
      const source = guestSourceFor(options.guestPhotos, root);
      const rootRelative = (file: string) => path.relative(root, file).replaceAll('\\', '/');
      const photos = (
        await Promise.all(events.map((event) => approvedPhotos(event, source, cache, rootRelative)))
      ).flat();
      await cache.save();
      await replaceEntries(
        context,
        photos.map(({ id, path: file, width: _w, height: _h, ...data }) => ({
          id,
          filePath: file,
          data: { ...data, image: `./${path.posix.basename(file)}` },
        })),
      );
      context.logger.info(
        `${photos.length} approved guest photos from ${source.description} (${cache.stats.analysed} analysed, the rest cached).`,
      );
    },
  };
}

/**
 * Instagram posts made in the events' windows and each account's newest `instagram.feedPosts`,
 * with local copies of their media. Use with `instagramPostSchema`.
 */
export function instagramLoader(userOptions?: InstagramSyncOptions): Loader {
  return {
    name: 'astro-instagram-sync:instagram',
    async load(context) {
      const { root, options } = setup(context, userOptions);
      const events = await loadEvents(root, options.eventsDir, options.window);
      const cache = await MediaCache.open(mediaDir(root, options), 'instagram');
      const outcome = await syncInstagram({ root, options, events, cache, logger: context.logger });
      const source = outcome.source === 'none' ? 'snapshot' : outcome.source;
      const index = path
        .relative(root, path.join(cache.dir, 'instagram.index.json'))
        .replaceAll('\\', '/');
      const isPrivate = new Set(
        events.filter((event) => event.visibility === 'private').map((event) => event.id),
      );
      // Guests' posts approved in /admin/moderation join their event's gallery (none without
      // a readable store: see withBuildStore).
      const tagged = await taggedPostEntries({ root, options, events, logger: context.logger });
      await replaceEntries(context, [
        ...outcome.posts.map(({ id, items, eventIds, ...post }) => ({
          id,
          filePath: index,
          data: {
            ...post,
            // Public code reads eventIds only: a private event's id never reaches a static page.
            eventIds: eventIds.filter((event) => !isPrivate.has(event)),
            privateEventIds: eventIds.filter((event) => isPrivate.has(event)),
            source,
            items: items.map(toEntryItem),
          },
        })),
        ...tagged,
      ]);
    },
  };
}

function toEntryItem(item: SyncedItem) {
  return {
    id: item.id,
    kind: item.kind,
    ...(item.image?.file && { image: `./${item.image.file}`, placeholder: item.image.placeholder }),
    ...(item.video?.file && { video: `${VIDEO_ROUTE}${item.video.file}` }),
    ...(item.altText && { altText: item.altText }),
  };
}

function setup(
  context: LoaderContext,
  userOptions: InstagramSyncOptions | undefined,
): { root: string; options: ResolvedOptions } {
  return { root: fileURLToPath(context.config.root), options: resolveOptions(userOptions) };
}

export function mediaDir(root: string, options: ResolvedOptions): string {
  return path.resolve(root, options.dataDir, 'media');
}

/** Writes the new entries (unchanged ones are skipped by digest) and deletes the ones that are gone. */
async function replaceEntries(
  { store, parseData, generateDigest }: LoaderContext,
  entries: { id: string; data: Record<string, unknown>; filePath?: string }[],
): Promise<void> {
  const keep = new Set(entries.map((entry) => entry.id));
  for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
  for (const { id, data, filePath } of entries) {
    const parsed = await parseData({ id, data, ...(filePath && { filePath }) });
    store.set({ id, data: parsed, digest: generateDigest(data), ...(filePath && { filePath }) });
  }
  if (entries.length === 0) keepEmptyCollection(store);
}

const PLACEHOLDER_ID = 'astro-instagram-sync:empty-collection';

/**
 * Makes an empty collection exist in the data store. Astro's getCollection warns "does not exist
 * or is empty" for a collection the store does not hold, and the store holds one only once an
 * entry was set in it (deleting every entry keeps it, empty). No guest photos yet is a normal
 * state, not a mistake to warn about nine times a build: an entry set and deleted at once leaves
 * the collection there, empty, and getCollection answers [] without a word. No entry remains.
 */
function keepEmptyCollection(store: LoaderContext['store']): void {
  store.set({ id: PLACEHOLDER_ID, data: {} });
  store.delete(PLACEHOLDER_ID);
}
