import { guestStorageFor, GuestUploads, PendingStore, purgeRejected } from '../guest/index.ts';
import { resolveOptions } from '../options.ts';
import { loadEvents } from '../events/events.ts';
import type { GalleryEvent } from '../events/event-file.ts';
import type { ServerConfig } from './config.ts';
import type { Env } from '../shared/env.ts';
import { serverLog } from '../shared/log.ts';

const DAY_MS = 86_400_000;

/** Guest uploads and moderation of the running server, on the same storage the build reads. */
export function guestServicesFor(config: ServerConfig, env: Env) {
  const root = process.cwd();
  const guestPhotos = new PendingStore(guestStorageFor(resolveOptions({}, env).guestPhotos, root));
  // Read on every request: an event file edited on the server applies without a restart.
  const events = (): Promise<GalleryEvent[]> =>
    loadEvents(root, 'content/events', { before: '1h', after: '12h' });
  const guestUploads = new GuestUploads({ store: guestPhotos, events, settings: config.guest });
  const purge = async () => {
    const removed = await purgeRejected(
      guestPhotos,
      (await events()).map((event) => event.id),
      config.guest.retentionDays,
    );
    if (removed.length > 0)
      serverLog.info(
        `deleted ${removed.length} rejected guest photos older than ${config.guest.retentionDays} days`,
      );
  };
  const warn = (error: Error) =>
    serverLog.warn(`purging rejected guest photos failed: ${error.message}`);
  void purge().catch(warn);
  setInterval(() => void purge().catch(warn), DAY_MS).unref();
  return { guestPhotos, guestUploads, guestEvents: events };
}
