import { keyOf, type PendingStore } from './pending-store.ts';
import type { ModerationStatus } from './types.ts';
import { GuestUploadError } from './upload-errors.ts';

export type ModerationDecision = 'approve' | 'reject' | 'restore';

const TARGET: Record<ModerationDecision, ModerationStatus> = {
  approve: 'approved',
  reject: 'rejected',
  restore: 'pending',
};

export interface ModerationOutcome {
  decision: ModerationDecision;
  eventId: string;
  /** Each photo with the state it was in before, so the page can undo exactly this action. */
  photos: { name: string; from: ModerationStatus; to: ModerationStatus }[];
}

/**
 * Approves, rejects or restores (undo) photos of one event: each file moves to its new folder
 * first, then the entries change in one write. Approval therefore never shows a photo before its
 * file is in place, and an interrupted action leaves the photo listed as pending. The whole
 * action holds the event (`PendingStore#withEvent`): decisions made at once on several server
 * instances apply one after the other, each from where the one before left the photo.
 */
export function moderatePhotos(
  store: PendingStore,
  eventId: string,
  names: string[],
  decision: ModerationDecision,
): Promise<ModerationOutcome> {
  const to = TARGET[decision];
  return store.withEvent(eventId, async (write) => {
    const photos: ModerationOutcome['photos'] = [];
    for (const name of new Set(names)) {
      const from = await store.locate(eventId, name);
      if (!from)
        throw new GuestUploadError(
          'photo_not_found',
          `There is no guest photo ${name} in ${eventId}: it may have been deleted after its retention period.`,
          404,
        );
      if (from !== to)
        await store.storage.move(keyOf(eventId, from, name), keyOf(eventId, to, name));
      photos.push({ name, from, to });
    }
    await write(new Map(photos.map(({ name }) => [name, { status: to }])));
    return { decision, eventId, photos };
  });
}

/** Puts each photo back in the state it had before an earlier outcome (the page's Undo). */
export function undoModeration(
  store: PendingStore,
  eventId: string,
  earlier: { name: string; from: ModerationStatus }[],
): Promise<ModerationOutcome> {
  return store.withEvent(eventId, async (write) => {
    const photos: ModerationOutcome['photos'] = [];
    for (const { name, from: restored } of earlier) {
      const now = await store.locate(eventId, name);
      if (!now)
        throw new GuestUploadError(
          'photo_not_found',
          `There is no guest photo ${name} in ${eventId} any more.`,
          404,
        );
      if (now !== restored)
        await store.storage.move(keyOf(eventId, now, name), keyOf(eventId, restored, name));
      photos.push({ name, from: now, to: restored });
    }
    await write(new Map(photos.map(({ name, to }) => [name, { status: to }])));
    return { decision: 'restore' as const, eventId, photos };
  });
}

/** Whether the outcome changes what a gallery shows, so the site needs a rebuild. */
export function changesGalleries(outcome: ModerationOutcome): boolean {
  return outcome.photos.some(
    ({ from, to }) => from !== to && (from === 'approved' || to === 'approved'),
  );
}
