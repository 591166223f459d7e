import { randomUUID } from 'node:crypto';
import type { StateStore } from '../store/index.ts';

/** A promise to take one file: the server chose its key; the browser sends the bytes. */
export interface UploadTicket {
  id: string;
  eventId: string;
  /** The stored name: "<id>.<ext>" of the declared type. */
  name: string;
  bytes: number;
  contentType: string;
  label: string;
  uploader?: string;
  caption?: string;
  expiresAt: number;
}

const SCOPE = 'upload ticket';

/**
 * Open tickets, in the state store: the instance that receives the bytes (or the S3 completion)
 * need not be the one that issued the ticket. Each ticket is used once, even when two instances
 * redeem it at the same moment; expired ones are deleted by the store's pruning.
 */
export class UploadTickets {
  readonly #store: Pick<StateStore, 'putExpiring' | 'takeExpiring'>;
  readonly #now: () => number;

  constructor(
    store: Pick<StateStore, 'putExpiring' | 'takeExpiring'>,
    now: () => number = Date.now,
  ) {
    this.#store = store;
    this.#now = now;
  }

  async issue(
    ticket: Omit<UploadTicket, 'id' | 'name' | 'expiresAt'> & { extension: string; ttlMs: number },
  ): Promise<UploadTicket> {
    const id = randomUUID();
    const { extension, ttlMs, ...rest } = ticket;
    const issued = { ...rest, id, name: `${id}.${extension}`, expiresAt: this.#now() + ttlMs };
    await this.#store.putExpiring(
      SCOPE,
      keyOf(issued.eventId, id),
      issued,
      new Date(issued.expiresAt).toISOString(),
    );
    return issued;
  }

  /** The ticket, removed so it cannot be used again; undefined when unknown, used or expired. */
  redeem(eventId: string, id: string): Promise<UploadTicket | undefined> {
    return this.#store.takeExpiring<UploadTicket>(
      SCOPE,
      keyOf(eventId, id),
      new Date(this.#now()).toISOString(),
    );
  }
}

// The event is part of the key: a ticket sent to another event's URL is not found, and not used up.
const keyOf = (eventId: string, id: string) => `${eventId}/${id}`;
