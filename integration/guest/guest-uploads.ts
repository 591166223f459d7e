import { Readable, Transform } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { GalleryEvent } from '../events/event-file.ts';
import type { StateStore } from '../store/index.ts';
import type { PendingStore } from './pending-store.ts';
import { SlidingWindowLimit } from './rate-limit.ts';
import { checkGuestUpload, tooLarge, type GuestUploadLimits } from './upload-check.ts';
import { GuestUploadError } from './upload-errors.ts';
import { UploadTickets, type UploadTicket } from './upload-tickets.ts';
import { eventOpenForUploads } from './upload-window.ts';

export interface GuestUploadSettings extends GuestUploadLimits {
  /** Uploads per client address per hour. */
  perHour: number;
}

export interface UploadRequest {
  fileName: string;
  bytes: number;
  contentType: string;
  uploader?: string;
  caption?: string;
}

/** Where and how the browser sends the file's bytes. */
export interface UploadInstructions {
  id: string;
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
  /** S3 only: POST here once the PUT succeeded, so the server checks the file. */
  completeUrl?: string;
}

export interface PendingUpload {
  eventId: string;
  name: string;
  width: number;
  height: number;
}

const EXTENSION: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heic',
};
/** Short: a leaked URL is useless minutes later. The ticket outlives it for the check after the PUT. */
const PRESIGN_SECONDS = 300;
const TICKET_MS = 15 * 60_000;

/**
 * Guest uploads: a ticket per file (the server picks the key; type and size are declared and
 * bound), the bytes straight to S3 by presigned PUT or to this server, then the check of
 * `checkGuestUpload`; only a file that passes is stored in `pending/` and listed for moderation.
 */
export class GuestUploads {
  readonly #store: PendingStore;
  readonly #events: () => Promise<GalleryEvent[]>;
  readonly #settings: GuestUploadSettings;
  readonly #tickets: UploadTickets;
  readonly #limit: SlidingWindowLimit;
  readonly #now: () => number;
  readonly #onPending:
    | ((upload: { eventId: string; name: string; uploadedAt: string }) => void)
    | undefined;

  constructor(options: {
    store: PendingStore;
    /** Where tickets and the per-address limit live, shared by every server instance. */
    stateStore: StateStore;
    events: () => Promise<GalleryEvent[]>;
    settings: GuestUploadSettings;
    now?: () => number;
    /** Told of each photo stored for review (the outgoing `upload.pending` webhook). */
    onPending?: (upload: { eventId: string; name: string; uploadedAt: string }) => void;
  }) {
    this.#store = options.store;
    this.#events = options.events;
    this.#settings = options.settings;
    this.#now = options.now ?? Date.now;
    this.#onPending = options.onPending;
    this.#tickets = new UploadTickets(options.stateStore, this.#now);
    this.#limit = new SlidingWindowLimit(
      options.stateStore,
      'guest upload',
      options.settings.perHour,
      3600_000,
    );
  }

  get settings(): GuestUploadSettings {
    return this.#settings;
  }

  async start(
    eventId: string,
    request: UploadRequest,
    client: string,
  ): Promise<UploadInstructions> {
    const event = eventOpenForUploads(await this.#events(), eventId, this.#now());
    const extension = EXTENSION[request.contentType];
    if (!extension)
      throw new GuestUploadError(
        'not_an_image',
        `${request.fileName} is not a photo this site takes. Upload a JPEG, PNG, WebP or HEIC image.`,
        415,
      );
    if (request.bytes > this.#settings.maxBytes)
      throw tooLarge(request.fileName, request.bytes, this.#settings.maxBytes);
    const wait = await this.#limit.take(client, this.#now());
    if (wait > 0)
      throw new GuestUploadError(
        'rate_limited',
        `Too many uploads from your address. Try again in ${Math.ceil(wait / 60_000)} minutes.`,
        429,
      );
    const ticket = await this.#tickets.issue({
      eventId: event.id,
      bytes: request.bytes,
      contentType: request.contentType,
      label: request.fileName,
      extension,
      ttlMs: TICKET_MS,
      ...optional(request),
    });
    const base = `/api/guest/${event.id}/uploads/${ticket.id}`;
    const storage = this.#store.storage;
    if (!storage.presignPut)
      return {
        id: ticket.id,
        method: 'PUT',
        url: base,
        headers: { 'content-type': ticket.contentType },
      };
    const url = await storage.presignPut(
      incomingKey(ticket),
      ticket.bytes,
      ticket.contentType,
      PRESIGN_SECONDS,
    );
    return {
      id: ticket.id,
      method: 'PUT',
      url,
      headers: { 'content-type': ticket.contentType },
      completeUrl: `${base}/complete`,
    };
  }

  /** The local folder's path: the bytes come to this server, at most the declared size. */
  async receive(
    eventId: string,
    id: string,
    body: ReadableStream<Uint8Array> | null,
  ): Promise<PendingUpload> {
    const ticket = await this.#redeem(eventId, id);
    if (!body)
      throw new GuestUploadError(
        'empty_file',
        `${ticket.label} is empty. Choose the photo again.`,
        400,
      );
    const bytes = await buffer(
      Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>).pipe(
        byteLimit(ticket, this.#settings.maxBytes),
      ),
    );
    return this.#accept(ticket, bytes);
  }

  /** The S3 path: the browser has PUT the file; the server reads it back, checks it, and files it. */
  async complete(eventId: string, id: string): Promise<PendingUpload> {
    const ticket = await this.#redeem(eventId, id);
    const storage = this.#store.storage;
    const key = incomingKey(ticket);
    try {
      const size = await storage.size(key);
      if (size === undefined) throw uploadMissing(ticket.label);
      if (size > this.#settings.maxBytes || size !== ticket.bytes)
        throw tooLarge(ticket.label, size, Math.min(ticket.bytes, this.#settings.maxBytes));
      const bytes = await storage.get(key);
      if (!bytes) throw uploadMissing(ticket.label);
      return await this.#accept(ticket, bytes);
    } finally {
      await storage.remove(key);
    }
  }

  async #redeem(eventId: string, id: string): Promise<UploadTicket> {
    const ticket = await this.#tickets.redeem(eventId, id);
    if (!ticket)
      throw new GuestUploadError(
        'unknown_upload',
        'This upload has expired or was already used. Choose the photo again.',
        404,
      );
    return ticket;
  }

  async #accept(ticket: UploadTicket, bytes: Uint8Array): Promise<PendingUpload> {
    eventOpenForUploads(await this.#events(), ticket.eventId, this.#now());
    const checked = await checkGuestUpload(bytes, ticket.label, this.#settings);
    const name = `${ticket.id}.${checked.extension}`;
    const uploadedAt = new Date(this.#now()).toISOString();
    await this.#store.addPending(ticket.eventId, name, checked.bytes, checked.contentType, {
      ...optional(ticket),
      uploadedAt,
    });
    this.#onPending?.({ eventId: ticket.eventId, name, uploadedAt });
    return { eventId: ticket.eventId, name, width: checked.width, height: checked.height };
  }
}

const incomingKey = (ticket: UploadTicket) => `${ticket.eventId}/incoming/${ticket.name}`;

function optional({
  uploader,
  caption,
}: {
  uploader?: string | undefined;
  caption?: string | undefined;
}) {
  return { ...(uploader && { uploader }), ...(caption && { caption }) };
}

function byteLimit(ticket: UploadTicket, maxBytes: number): Transform {
  let seen = 0;
  const max = Math.min(ticket.bytes, maxBytes);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.byteLength;
      if (seen > max)
        done(
          new GuestUploadError(
            'file_too_large',
            `${ticket.label} is larger than the ${ticket.bytes} bytes announced, or than the ${maxBytes} bytes allowed.`,
            413,
          ),
        );
      else done(null, chunk);
    },
  });
}

function uploadMissing(label: string): GuestUploadError {
  return new GuestUploadError('upload_missing', `${label} did not arrive. Upload it again.`, 409);
}
