import { createHash } from 'node:crypto';

/**
 * The key that makes a redelivered change a duplicate: SHA-256 over the object, the entry id
 * (the account), the field and the change's identity. The identity is the comment id for
 * `comments`/`live_comments` (`value.id`, or `value.comment_id` in Meta's FB-Login example),
 * the message id (`mid`) for a message, and otherwise the value itself, serialised with sorted
 * keys. `entry.time` is left out on purpose: it is when Meta *sent* the notification, so a
 * retry of the same change may carry another time.
 */
export function dedupKey(object: string, accountId: string, field: string, value: unknown): string {
  const identity = naturalId(field, value) ?? canonicalJson(value);
  return createHash('sha256')
    .update(JSON.stringify([object, accountId, field, identity]))
    .digest('hex');
}

function naturalId(field: string, value: unknown): string | undefined {
  const record = asRecord(value);
  if (field === 'comments' || field === 'live_comments')
    return idOf(record?.id) ?? idOf(record?.comment_id);
  if (field === 'messages') return idOf(asRecord(record?.message)?.mid);
  return undefined;
}

/** JSON with object keys sorted at every level, so key order does not make two keys. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    const record = asRecord(item);
    if (!record || Array.isArray(item)) return item;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    );
  });
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? `id:${value}` : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}
