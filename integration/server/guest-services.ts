import { guestStorageFor, GuestUploads, PendingStore, purgeRejected } from '../guest/index.ts';
import type { ResolvedOptions } from '../options.ts';
import { loadEvents } from '../events/events.ts';
import type { GalleryEvent } from '../events/event-file.ts';
import type { ServerConfig } from './config.ts';
import type { Leases, StateStore } from '../store/index.ts';
import { serverLog } from '../shared/log.ts';

/**
 * Guest uploads and moderation of the running server, on the same storage and events the build
 * reads. With `leases`, moderation changes take turns across the instances sharing the store.
 */
export function guestServicesFor(
  config: ServerConfig,
  options: Pick<ResolvedOptions, 'eventsDir' | 'window' | 'guestPhotos'>,
  stateStore: StateStore,
  root = process.cwd(),
  leases?: Leases,
  onPending?: (upload: { eventId: string; name: string; uploadedAt: string }) => void,
) {
  const guestPhotos = new PendingStore(guestStorageFor(options.guestPhotos, root), leases);
  // Read on every request: an event file edited on the server applies without a restart.
  const events = (): Promise<GalleryEvent[]> => loadEvents(root, options.eventsDir, options.window);
  const guestUploads = new GuestUploads({
    store: guestPhotos,
    stateStore,
    events,
    settings: config.guest,
    ...(onPending && { onPending }),
  });
  const purgeRejectedPhotos = async () => {
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
  return { guestPhotos, guestUploads, guestEvents: events, purgeRejectedPhotos };
}
