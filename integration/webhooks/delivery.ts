import type { StoredWebhookEvent } from '../store/index.ts';
import { dedupKey } from './dedup-key.ts';

/** Why a signed body is not a webhook delivery. */
export class MalformedDeliveryError extends Error {
  override name = 'MalformedDeliveryError';
}

/**
 * Splits a delivery (`{object, entry: [{id, time, changes | messaging}]}`, up to 1000 entries
 * per POST) into one event per change or messaging item.
 */
export function eventsOfDelivery(body: Uint8Array, receivedAt: string): StoredWebhookEvent[] {
  const delivery = parseDelivery(body);
  return delivery.entry.flatMap((entry) => {
    const accountId = String(entry.id ?? '');
    const time = typeof entry.time === 'number' ? entry.time : undefined;
    const items = [
      ...(Array.isArray(entry.changes)
        ? entry.changes.map((change) => ({
            field: String(change?.field ?? 'unknown'),
            value: change?.value,
          }))
        : []),
      ...(Array.isArray(entry.messaging)
        ? entry.messaging.map((item) => ({ field: messagingField(item), value: item }))
        : []),
    ];
    return items.map(({ field, value }) => ({
      dedupKey: dedupKey(delivery.object, accountId, field, value),
      object: delivery.object,
      accountId,
      field,
      payload: { ...(time !== undefined && { time }), value },
      receivedAt,
    }));
  });
}

interface Delivery {
  object: string;
  entry: {
    id?: unknown;
    time?: unknown;
    changes?: { field?: unknown; value?: unknown }[];
    messaging?: Record<string, unknown>[];
  }[];
}

function parseDelivery(body: Uint8Array): Delivery {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new MalformedDeliveryError('The body is not JSON.');
  }
  const delivery = parsed as Partial<Delivery> | null;
  if (typeof delivery?.object !== 'string' || !Array.isArray(delivery.entry)) {
    throw new MalformedDeliveryError('Expected {"object": "instagram", "entry": [...]}.');
  }
  return delivery as Delivery;
}

// Messaging items carry no field name: the key present says which subscription field sent it.
function messagingField(item: Record<string, unknown>): string {
  const message = item.message as { is_echo?: boolean } | undefined;
  if (message) return message.is_echo ? 'message_echoes' : 'messages';
  if (item.reaction) return 'message_reactions';
  if (item.read) return 'messaging_seen';
  if (item.postback) return 'messaging_postbacks';
  if (item.referral) return 'messaging_referral';
  return 'messaging';
}
