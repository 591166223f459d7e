import { createHash, randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '../store/index.ts';
import type { OutgoingEventType } from './event-types.ts';

/**
 * A message of `type` about `data`, which must hold no secret. With a `key` the id is derived
 * from it, so the same happening given twice (a listener called again, another instance) is one
 * message: `msg_` and 32 hex characters.
 */
export function outgoingMessage(
  type: OutgoingEventType,
  data: Record<string, unknown>,
  at: Date,
  key?: string,
): OutgoingMessage {
  const id =
    key === undefined
      ? randomUUID().replaceAll('-', '')
      : createHash('sha256').update(`${type}\n${key}`).digest('hex').slice(0, 32);
  return { id: `msg_${id}`, type, timestamp: at.toISOString(), data };
}

/** The body as sent and signed: Standard Webhooks' `{ type, timestamp, data }`. */
export function messageBody({ type, timestamp, data }: OutgoingMessage): string {
  return JSON.stringify({ type, timestamp, data });
}
