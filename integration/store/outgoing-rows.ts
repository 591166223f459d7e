import type { TokenCipher } from './token-cipher.ts';
import type {
  OutgoingAttempt,
  OutgoingDelivery,
  OutgoingEndpoint,
  OutgoingMessage,
} from './types.ts';

/**
 * What both backends share of outgoing webhooks (migration 7): the statements that read the same
 * in both dialects, and rows to objects and back. Named parameters become `?` (sqlite) or `$n`.
 */

/** Binds a secret to its endpoint: a blob copied to another endpoint's row no longer opens. */
const secretAad = (endpointId: string) => `outgoing-endpoint:${endpointId}`;

export const ENDPOINT_COLUMNS = [
  'id',
  'url',
  'events',
  'secret_blob',
  'previous_secret_blob',
  'previous_secret_until',
  'created_at',
] as const;

export function endpointParameters(
  endpoint: OutgoingEndpoint,
  cipher: TokenCipher,
): (string | null)[] {
  const aad = secretAad(endpoint.id);
  return [
    endpoint.id,
    endpoint.url,
    JSON.stringify(endpoint.events),
    cipher.encrypt(endpoint.secret, aad),
    endpoint.previousSecret === undefined ? null : cipher.encrypt(endpoint.previousSecret, aad),
    endpoint.previousSecretUntil ?? null,
    endpoint.createdAt,
  ];
}

/** `events` comes as text from sqlite and parsed from PostgreSQL's jsonb. */
export function endpointFromRow(
  row: Record<string, unknown>,
  cipher: TokenCipher,
): OutgoingEndpoint {
  const id = String(row.id);
  const aad = secretAad(id);
  const events = typeof row.events === 'string' ? JSON.parse(row.events) : row.events;
  return {
    id,
    url: String(row.url),
    events: (events as unknown[]).map(String),
    secret: cipher.decrypt(String(row.secret_blob), aad),
    ...(row.previous_secret_blob != null && {
      previousSecret: cipher.decrypt(String(row.previous_secret_blob), aad),
    }),
    ...(row.previous_secret_until != null && {
      previousSecretUntil: String(row.previous_secret_until),
    }),
    createdAt: String(row.created_at),
  };
}

/** The new secret's blob for a rotation (the current blob becomes the previous one in SQL). */
export function rotatedSecretBlob(id: string, secret: string, cipher: TokenCipher): string {
  return cipher.encrypt(secret, secretAad(id));
}

export function deliveryFromRow(row: Record<string, unknown>): OutgoingDelivery {
  const message = typeof row.message === 'string' ? JSON.parse(row.message) : row.message;
  return {
    seq: Number(row.seq),
    endpointId: String(row.endpoint_id),
    message: message as OutgoingMessage,
    status: String(row.status) as OutgoingDelivery['status'],
    attempts: Number(row.attempts),
    nextAttemptAt: String(row.next_attempt_at),
    retryUntil: String(row.retry_until),
    ...(row.last_attempt_at != null && { lastAttemptAt: String(row.last_attempt_at) }),
    ...(row.last_response_code != null && { lastResponseCode: Number(row.last_response_code) }),
    ...(row.last_error != null && { lastError: String(row.last_error) }),
    ...(row.delivered_at != null && { deliveredAt: String(row.delivered_at) }),
  };
}

export const bySeq = (a: OutgoingDelivery, b: OutgoingDelivery) => a.seq - b.seq;

// Only each endpoint's oldest pending delivery can be claimed, so an endpoint has at most one
// delivery in flight and its events arrive in the order they were stored.
export const CLAIM_DELIVERIES = `
  UPDATE outgoing_deliveries SET claimed_by = :owner, claim_until = :until
  WHERE seq IN (
    SELECT d.seq FROM outgoing_deliveries d
    WHERE d.status = 'pending' AND d.next_attempt_at <= :now
      AND (d.claim_until IS NULL OR d.claim_until <= :now)
      AND d.seq = (
        SELECT MIN(h.seq) FROM outgoing_deliveries h
        WHERE h.endpoint_id = d.endpoint_id AND h.status = 'pending'
      )
    ORDER BY d.seq LIMIT :limit
    :lock
  )
  RETURNING *`;

// Fenced: an instance that stalled past its claim writes nothing over its successor's attempt.
export const FINISH_ATTEMPT = `
  UPDATE outgoing_deliveries SET
    status = :status,
    attempts = attempts + 1,
    last_attempt_at = :at,
    last_response_code = :code,
    last_error = :error,
    next_attempt_at = COALESCE(:next, next_attempt_at),
    delivered_at = CASE WHEN :status = 'delivered' THEN :at ELSE delivered_at END,
    claimed_by = NULL,
    claim_until = NULL
  WHERE seq = :seq AND claimed_by = :owner`;

export function finishParameters(seq: number, owner: string, attempt: OutgoingAttempt) {
  return {
    status: attempt.status,
    at: attempt.at,
    code: attempt.responseCode ?? null,
    error: attempt.error ?? null,
    next: attempt.nextAttemptAt ?? null,
    seq,
    owner,
  };
}

// A claimed (in-flight) delivery keeps its claim: the replay only moves its next attempt.
export const REPLAY_DELIVERY = `
  UPDATE outgoing_deliveries SET status = 'pending', next_attempt_at = :at, retry_until = :retryUntil
  WHERE seq = :seq`;

export const ROTATE_SECRET = `
  UPDATE outgoing_endpoints SET
    previous_secret_blob = secret_blob,
    previous_secret_until = :previousUntil,
    secret_blob = :blob
  WHERE id = :id`;

/** `:name` parameters to positional ones, each name numbered once (`$n`) or repeated (`?`). */
export function positional(
  sql: string,
  values: Record<string, unknown>,
  style: 'sqlite' | 'postgres',
): { text: string; parameters: unknown[] } {
  const parameters: unknown[] = [];
  const numbers = new Map<string, number>();
  const text = sql.replace(/:(\w+)/g, (match, name: string) => {
    if (!(name in values)) return match;
    if (style === 'sqlite') {
      parameters.push(values[name]);
      return '?';
    }
    let n = numbers.get(name);
    if (n === undefined) {
      parameters.push(values[name]);
      n = parameters.length;
      numbers.set(name, n);
    }
    return `$${n}`;
  });
  return { text, parameters };
}

/**
 * The endpoint secrets to rewrite under the current key after a key rotation (as tokens are); a
 * blob no configured key opens is left as it is.
 */
export function reencryptedSecrets(
  rows: Record<string, unknown>[],
  cipher: TokenCipher,
): { id: string; secret: string; previous: string | null }[] {
  const again = (blob: unknown, aad: string): string | null => {
    if (blob == null) return null;
    const text = String(blob);
    if (cipher.isCurrent(text)) return text;
    try {
      return cipher.encrypt(cipher.decrypt(text, aad), aad);
    } catch {
      return text;
    }
  };
  return rows.flatMap((row) => {
    const id = String(row.id);
    const aad = secretAad(id);
    const secret = again(row.secret_blob, aad) as string;
    const previous = again(row.previous_secret_blob, aad);
    const same = secret === row.secret_blob && previous === (row.previous_secret_blob ?? null);
    return same ? [] : [{ id, secret, previous }];
  });
}

export const PRUNE_DELIVERIES = `
  DELETE FROM outgoing_deliveries WHERE status <> 'pending' AND retry_until < :before`;
