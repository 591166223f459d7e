import { randomUUID } from 'node:crypto';

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

/**
 * Open tickets in memory (one server process): a restart forgets them, and a guest whose
 * upload was cut simply tries again. Each ticket is used once.
 */
export class UploadTickets {
  readonly #open = new Map<string, UploadTicket>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  issue(
    ticket: Omit<UploadTicket, 'id' | 'name' | 'expiresAt'> & { extension: string; ttlMs: number },
  ): UploadTicket {
    this.#prune();
    const id = randomUUID();
    const { extension, ttlMs, ...rest } = ticket;
    const issued = { ...rest, id, name: `${id}.${extension}`, expiresAt: this.#now() + ttlMs };
    this.#open.set(id, issued);
    return issued;
  }

  /** The ticket, removed so it cannot be used again; undefined when unknown, used or expired. */
  redeem(eventId: string, id: string): UploadTicket | undefined {
    const ticket = this.#open.get(id);
    if (!ticket || ticket.eventId !== eventId) return undefined;
    this.#open.delete(id);
    return ticket.expiresAt >= this.#now() ? ticket : undefined;
  }

  #prune(): void {
    for (const [id, ticket] of this.#open)
      if (ticket.expiresAt < this.#now()) this.#open.delete(id);
  }
}
