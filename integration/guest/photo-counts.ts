import { FOLDER_OF, type PendingStore } from './pending-store.ts';
import { moderationStatusOf } from './photo-approval.ts';
import { IMAGE_FILE, type ModerationStatus } from './types.ts';

export interface PhotoCounts {
  /** Every guest photo of the event, once, whatever its state. */
  uploaded: number;
  approved: number;
  rejected: number;
  pending: number;
}

/**
 * An event's guest photos by moderation state. A photo's state is its moderation entry's, else
 * its folder's (`pending/`, `rejected/`; one in the event folder without an entry is pending, as
 * the build reads it). A photo in two folders (a move interrupted on S3) counts once. Rejected
 * photos deleted after their retention no longer count.
 */
export async function guestPhotoCounts(store: PendingStore, eventId: string): Promise<PhotoCounts> {
  const statuses = ['approved', 'pending', 'rejected'] as const;
  const [records, ...folders] = await Promise.all([
    store.records(eventId),
    ...statuses.map((status) =>
      store.storage.list([eventId, FOLDER_OF[status]].filter(Boolean).join('/')),
    ),
  ]);
  const photos = new Map<string, ModerationStatus>();
  statuses.forEach((folder, index) => {
    for (const file of folders[index] ?? []) {
      if (!IMAGE_FILE.test(file.name)) continue;
      const byFolder = folder === 'approved' ? moderationStatusOf(records, file.name) : folder;
      photos.set(file.name, records.get(file.name)?.status ?? byFolder);
    }
  });
  const count = (status: ModerationStatus) =>
    [...photos.values()].filter((value) => value === status).length;
  return {
    uploaded: photos.size,
    approved: count('approved'),
    rejected: count('rejected'),
    pending: count('pending'),
  };
}
