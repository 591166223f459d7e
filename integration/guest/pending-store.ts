import type { GuestStorage } from './guest-storage.ts';
import { parseModeration } from './moderation.ts';
import { updateModerationText, type RecordChange } from './moderation-file.ts';
import { MODERATION_FILE, type ModerationRecord, type ModerationStatus } from './types.ts';

/**
 * Where a guest photo sits in its event folder. Approved photos are in the event folder itself,
 * where the build's loaders read them (and the loaders also require `status: approved`).
 */
export const FOLDER_OF: Record<ModerationStatus, string> = {
  approved: '',
  pending: 'pending',
  rejected: 'rejected',
};

export interface ModeratedPhoto {
  eventId: string;
  name: string;
  status: ModerationStatus;
  uploader?: string;
  caption?: string;
  uploadedAt: string;
}

export const keyOf = (eventId: string, status: ModerationStatus, name: string) =>
  [eventId, FOLDER_OF[status], name].filter(Boolean).join('/');

/**
 * Guest photos by moderation state: the file's folder (`pending/`, `rejected/`, or the event
 * folder) plus its entry in the event's moderation.yaml. Writes to one event's moderation file
 * are serialized in this process (the server is one process; S3 has no locking here).
 */
export class PendingStore {
  readonly storage: GuestStorage;
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(storage: GuestStorage) {
    this.storage = storage;
  }

  /** Stores a checked photo as pending: the file first, then its entry. */
  async addPending(
    eventId: string,
    name: string,
    bytes: Uint8Array,
    contentType: string,
    record: Omit<ModerationRecord, 'status'>,
  ): Promise<void> {
    await this.storage.put(keyOf(eventId, 'pending', name), bytes, contentType);
    await this.updateRecords(eventId, new Map([[name, { ...record, status: 'pending' }]]));
  }

  async records(eventId: string): Promise<Map<string, ModerationRecord>> {
    const text = await this.#moderationText(eventId);
    return parseModeration(text, `${eventId}/${MODERATION_FILE}`);
  }

  /**
   * Photos waiting for a decision: every file in `pending/`, and a file in the event folder
   * whose entry is not `approved` (an approval interrupted between the move and the entry).
   */
  async listPending(eventId: string): Promise<ModeratedPhoto[]> {
    const [records, pending, root] = await Promise.all([
      this.records(eventId),
      this.storage.list(keyOf(eventId, 'pending', '')),
      this.storage.list(eventId),
    ]);
    const stray = root.filter(
      (file) => file.name !== MODERATION_FILE && records.get(file.name)?.status === 'pending',
    );
    return [...pending, ...stray]
      .map((file) => {
        const record = records.get(file.name);
        return {
          eventId,
          name: file.name,
          status: 'pending' as const,
          ...(record?.uploader && { uploader: record.uploader }),
          ...(record?.caption && { caption: record.caption }),
          uploadedAt: record?.uploadedAt ?? file.lastModified.toISOString(),
        };
      })
      .sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.name.localeCompare(b.name));
  }

  /** Which folder holds the photo now, if any. */
  async locate(eventId: string, name: string): Promise<ModerationStatus | undefined> {
    for (const status of ['pending', 'approved', 'rejected'] as const) {
      if ((await this.storage.size(keyOf(eventId, status, name))) !== undefined) return status;
    }
    return undefined;
  }

  async updateRecords(eventId: string, changes: Map<string, RecordChange>): Promise<void> {
    await this.#locked(eventId, async () => {
      const text = await this.#moderationText(eventId);
      const next = updateModerationText(text, changes, `${eventId}/${MODERATION_FILE}`);
      await this.storage.put(
        `${eventId}/${MODERATION_FILE}`,
        new TextEncoder().encode(next),
        'text/yaml; charset=utf-8',
      );
    });
  }

  async #moderationText(eventId: string): Promise<string | undefined> {
    const bytes = await this.storage.get(`${eventId}/${MODERATION_FILE}`);
    return bytes && new TextDecoder().decode(bytes);
  }

  #locked<T>(eventId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(eventId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(task);
    this.#locks.set(eventId, next);
    return next;
  }
}
