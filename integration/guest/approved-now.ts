import { keyOf, type PendingStore } from './pending-store.ts';
import { moderationStatusOf } from './photo-approval.ts';
import { IMAGE_FILE, MODERATION_FILE } from './types.ts';

/** A guest photo approved at this moment, as the running server sees it (not the last build). */
export interface ApprovedNow {
  name: string;
  /** ISO instant: the moderation entry's `uploaded_at`, else the file's time. */
  uploadedAt: string;
  /** Changes whenever the file does: for cache-busting URLs. */
  version: string;
  uploader?: string;
  caption?: string;
  alt?: string;
}

/**
 * The event's approved guest photos now, oldest first: a file in the event folder whose entry
 * says `approved`. A file there with any other entry (an approval cut short) is left out, like
 * every file in `pending/` and `rejected/`.
 */
export async function approvedNow(store: PendingStore, eventId: string): Promise<ApprovedNow[]> {
  const [records, files] = await Promise.all([store.records(eventId), store.storage.list(eventId)]);
  return files
    .filter(
      (file) =>
        file.name !== MODERATION_FILE &&
        IMAGE_FILE.test(file.name) &&
        moderationStatusOf(records, file.name) === 'approved',
    )
    .map((file) => {
      const record = records.get(file.name);
      return {
        name: file.name,
        uploadedAt: record?.uploadedAt ?? file.lastModified.toISOString(),
        version: `${file.size.toString(36)}-${file.lastModified.getTime().toString(36)}`,
        ...(record?.uploader && { uploader: record.uploader }),
        ...(record?.caption && { caption: record.caption }),
        ...(record?.alt && { alt: record.alt }),
      };
    })
    .sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.name.localeCompare(b.name));
}

/** The bytes of a guest photo only while it is approved; undefined for a pending, rejected or missing one. */
export async function approvedPhotoBytes(
  store: PendingStore,
  eventId: string,
  name: string,
): Promise<Uint8Array | undefined> {
  if (name === MODERATION_FILE || !IMAGE_FILE.test(name)) return undefined;
  const records = await store.records(eventId);
  if (moderationStatusOf(records, name) !== 'approved') return undefined;
  // The approved folder is the event folder itself; a pending or rejected file is not in it.
  return store.storage.get(keyOf(eventId, 'approved', name));
}
