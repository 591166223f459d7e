import { z } from 'astro/zod';
import { jsonDepth, MAX_JSON_DEPTH } from '../shared/json-depth.ts';
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
            field: change.field ?? 'unknown',
            value: change.value,
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

// Meta's shape, loosely: unknown keys are kept, but every entry, change and messaging item must
// be an object and ids and field names plain values, so nothing downstream meets a null.
const ID = z.union([z.string().max(200), z.number()]);
const deliverySchema = z.looseObject({
  object: z.string().max(100),
  entry: z
    .array(
      z.looseObject({
        id: ID.optional(),
        time: z.unknown().optional(),
        changes: z
          .array(z.looseObject({ field: z.string().max(200).optional(), value: z.unknown() }))
          .optional(),
        messaging: z.array(z.record(z.string(), z.unknown())).optional(),
      }),
    )
    .max(1000),
});
type Delivery = z.output<typeof deliverySchema>;

function parseDelivery(body: Uint8Array): Delivery {
  if (jsonDepth(body) > MAX_JSON_DEPTH)
    throw new MalformedDeliveryError(`The JSON nests deeper than ${MAX_JSON_DEPTH} levels.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch {
    throw new MalformedDeliveryError('The body is not JSON.');
  }
  const delivery = deliverySchema.safeParse(parsed);
  if (!delivery.success) {
    const issue = delivery.error.issues[0];
    throw new MalformedDeliveryError(
      `Expected {"object": "instagram", "entry": [{"id", "time", "changes" | "messaging"}]}; ${issue?.path.join('.') || 'the body'}: ${issue?.message ?? 'not valid'}.`,
    );
  }
  return delivery.data;
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
