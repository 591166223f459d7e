import { keyOf, type PendingStore } from './pending-store.ts';

const DAY_MS = 86_400_000;
/** Browser uploads to S3 that never got checked (the guest left mid-upload). */
const INCOMING_KEEP_MS = 3600_000;

/**
 * Deletes rejected photos older than the retention (counted from the rejection: the file's time
 * in `rejected/`) with their moderation entries, and unchecked S3 uploads older than an hour.
 */
export async function purgeRejected(
  store: PendingStore,
  eventIds: string[],
  retentionDays: number,
  now = Date.now(),
): Promise<string[]> {
  const removed: string[] = [];
  for (const eventId of eventIds) {
    const expired = (await store.storage.list(keyOf(eventId, 'rejected', ''))).filter(
      (file) => now - file.lastModified.getTime() > retentionDays * DAY_MS,
    );
    for (const file of expired) {
      await store.storage.remove(keyOf(eventId, 'rejected', file.name));
      removed.push(`${eventId}/${file.name}`);
    }
    if (expired.length > 0)
      await store.updateRecords(eventId, new Map(expired.map((file) => [file.name, null])));
    for (const file of await store.storage.list(`${eventId}/incoming`)) {
      if (now - file.lastModified.getTime() > INCOMING_KEEP_MS)
        await store.storage.remove(`${eventId}/incoming/${file.name}`);
    }
  }
  return removed;
}
