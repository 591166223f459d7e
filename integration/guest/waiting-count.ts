import type { PendingStore } from './pending-store.ts';

/** How many guest photos wait for a decision across the given events. */
export async function waitingPhotoCount(store: PendingStore, eventIds: string[]): Promise<number> {
  const counts = await Promise.all(
    eventIds.map(async (eventId) => (await store.listPending(eventId)).length),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}
