import { LeaseBusyError, withLease, type Leases } from '../store/index.ts';
import type { GuestStorage } from './guest-storage.ts';
import { parseModeration } from './moderation.ts';
import { updateModerationText, type RecordChange } from './moderation-file.ts';
import { MODERATION_FILE, type ModerationRecord, type ModerationStatus } from './types.ts';
import { GuestUploadError } from './upload-errors.ts';

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

/** Writes entries of the event's moderation.yaml; given only to a task that holds the event. */
export type RecordWriter = (changes: Map<string, RecordChange>) => Promise<void>;

/** An event's lease lasts this long unless renewed (while its holder runs, it is). */
const EVENT_LEASE_MS = 30_000;
/** How long a change waits for the changes before it, on every instance. */
const EVENT_WAIT_MS = 60_000;

/**
 * Guest photos by moderation state: the file's folder (`pending/`, `rejected/`, or the event
 * folder) plus its entry in the event's moderation.yaml. Changes to one event's moderation take
 * turns: in this process through a queue, and, given the instance's leases, across every server
 * instance through a lease per event in the shared state store. So a read-modify-write of
 * moderation.yaml never overwrites another instance's decision. The file itself is replaced
 * whole (a rename on disk, a PUT on S3), so the build never reads half of one.
 */
export class PendingStore {
  readonly storage: GuestStorage;
  readonly #leases: Leases | undefined;
  readonly #queues = new Map<string, Promise<unknown>>();

  /** Without `leases`, changes take turns in this process only (one server, or the build). */
  constructor(storage: GuestStorage, leases?: Leases) {
    this.storage = storage;
    this.#leases = leases;
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
    await this.withEvent(eventId, (write) => write(changes));
  }

  /**
   * Runs `task` as the only change to the event's moderation in progress, on any instance: it
   * may move the event's photos and write their entries (`write`) without another change
   * reading or writing in between.
   */
  withEvent<T>(eventId: string, task: (write: RecordWriter) => Promise<T>): Promise<T> {
    const write: RecordWriter = (changes) => this.#writeRecords(eventId, changes);
    const leases = this.#leases;
    const run = () => (leases ? this.#leased(leases, eventId, () => task(write)) : task(write));
    const previous = this.#queues.get(eventId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    this.#queues.set(eventId, next);
    // Forget an event whose changes are done, so the map does not grow with every event.
    void next
      .catch(() => undefined)
      .then(() => {
        if (this.#queues.get(eventId) === next) this.#queues.delete(eventId);
      });
    return next;
  }

  async #leased<T>(leases: Leases, eventId: string, task: () => Promise<T>): Promise<T> {
    try {
      return await withLease(
        leases,
        `moderation:${eventId}`,
        { ttlMs: EVENT_LEASE_MS, waitMs: EVENT_WAIT_MS },
        task,
      );
    } catch (error) {
      if (!LeaseBusyError.is(error)) throw error;
      throw new GuestUploadError(
        'moderation_busy',
        `The moderation of ${eventId} has been busy on another server instance for over ${EVENT_WAIT_MS / 1000} s. Try again in a minute.`,
        503,
      );
    }
  }

  async #writeRecords(eventId: string, changes: Map<string, RecordChange>): Promise<void> {
    const text = await this.#moderationText(eventId);
    const next = updateModerationText(text, changes, `${eventId}/${MODERATION_FILE}`);
    await this.storage.put(
      `${eventId}/${MODERATION_FILE}`,
      new TextEncoder().encode(next),
      'text/yaml; charset=utf-8',
    );
  }

  async #moderationText(eventId: string): Promise<string | undefined> {
    const bytes = await this.storage.get(`${eventId}/${MODERATION_FILE}`);
    return bytes && new TextDecoder().decode(bytes);
  }
}
