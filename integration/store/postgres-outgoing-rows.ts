import type { ISql, Sql } from 'postgres';
import {
  bySeq,
  CLAIM_DELIVERIES,
  deliveryFromRow,
  ENDPOINT_COLUMNS,
  endpointFromRow,
  endpointParameters,
  FINISH_ATTEMPT,
  finishParameters,
  positional,
  PRUNE_DELIVERIES,
  reencryptedSecrets,
  REPLAY_DELIVERY,
  ROTATE_SECRET,
  rotatedSecretBlob,
} from './outgoing-rows.ts';
import type { TokenCipher } from './token-cipher.ts';
import type {
  Lease,
  OutgoingAttempt,
  OutgoingDelivery,
  OutgoingEndpoint,
  OutgoingMessage,
} from './types.ts';

/** The PostgreSQL side of outgoing webhook endpoints and their deliveries (migration 7). */

type Parameter = string | number | null;

function query(sql: ISql, text: string, values: Record<string, unknown>) {
  const { text: statement, parameters } = positional(text, values, 'postgres');
  return sql.unsafe(statement, parameters as Parameter[], { prepare: true });
}

// The events list goes in as text and is cast (see postgres-webhook-rows.ts).
const INSERT_ENDPOINT = `
  INSERT INTO outgoing_endpoints (${ENDPOINT_COLUMNS.join(', ')})
  VALUES ($1, $2, $3::text::jsonb, $4, $5, $6, $7)`;

export async function insertEndpoint(
  sql: ISql,
  endpoint: OutgoingEndpoint,
  cipher: TokenCipher,
): Promise<void> {
  await sql.unsafe(INSERT_ENDPOINT, endpointParameters(endpoint, cipher), { prepare: true });
}

export async function selectEndpoints(sql: ISql, cipher: TokenCipher): Promise<OutgoingEndpoint[]> {
  const rows = await sql`SELECT * FROM outgoing_endpoints ORDER BY created_at, id`;
  return rows.map((row) => endpointFromRow(row, cipher));
}

export async function selectEndpoint(
  sql: ISql,
  id: string,
  cipher: TokenCipher,
): Promise<OutgoingEndpoint | undefined> {
  const [row] = await sql`SELECT * FROM outgoing_endpoints WHERE id = ${id}`;
  return row === undefined ? undefined : endpointFromRow(row, cipher);
}

export async function deleteEndpoint(sql: ISql, id: string): Promise<boolean> {
  const result = await sql`DELETE FROM outgoing_endpoints WHERE id = ${id}`;
  return result.count > 0;
}

export async function rotateSecret(
  sql: ISql,
  id: string,
  secret: string,
  previousUntil: string,
  cipher: TokenCipher,
): Promise<boolean> {
  const blob = rotatedSecretBlob(id, secret, cipher);
  return (await query(sql, ROTATE_SECRET, { id, blob, previousUntil })).count > 0;
}

const ENQUEUE = `
  INSERT INTO outgoing_deliveries
    (endpoint_id, message_id, event_type, message, status, next_attempt_at, retry_until)
  SELECT id, :id, :type, :message::text::jsonb, 'pending', :at, :retryUntil
  FROM outgoing_endpoints WHERE events ? :type
  ORDER BY created_at, id
  ON CONFLICT (endpoint_id, message_id) DO NOTHING`;

export async function enqueue(
  sql: Sql,
  message: OutgoingMessage,
  at: string,
  retryUntil: string,
): Promise<number> {
  const values = {
    id: message.id,
    type: message.type,
    message: JSON.stringify(message),
    at,
    retryUntil,
  };
  return (await query(sql, ENQUEUE, values)).count;
}

// SKIP LOCKED: instances claiming at once pass over the rows another is claiming, and the
// claim's condition is checked again on a row's newest version, so each delivery goes to one.
export async function claimDeliveries(
  sql: ISql,
  { owner, now, until }: Lease,
  limit: number,
): Promise<OutgoingDelivery[]> {
  const text = CLAIM_DELIVERIES.replace(':lock', 'FOR UPDATE OF d SKIP LOCKED');
  const rows = await query(sql, text, { owner, until, now, limit });
  return rows.map(deliveryFromRow).sort(bySeq);
}

export async function finishAttempt(
  sql: ISql,
  seq: number,
  owner: string,
  attempt: OutgoingAttempt,
): Promise<boolean> {
  return (await query(sql, FINISH_ATTEMPT, finishParameters(seq, owner, attempt))).count > 0;
}

export async function selectDeliveries(
  sql: ISql,
  { endpointId, limit = 50 }: { endpointId?: string; limit?: number },
): Promise<OutgoingDelivery[]> {
  const rows =
    endpointId === undefined
      ? await sql`SELECT * FROM outgoing_deliveries ORDER BY seq DESC LIMIT ${limit}`
      : await sql`SELECT * FROM outgoing_deliveries WHERE endpoint_id = ${endpointId} ORDER BY seq DESC LIMIT ${limit}`;
  return rows.map(deliveryFromRow);
}

export async function replayDelivery(
  sql: ISql,
  seq: number,
  at: string,
  retryUntil: string,
): Promise<boolean> {
  return (await query(sql, REPLAY_DELIVERY, { seq, at, retryUntil })).count > 0;
}

/** Within the caller's transaction (the tokens' re-encryption). */
export async function reencryptSecrets(sql: ISql, cipher: TokenCipher): Promise<void> {
  const rows =
    await sql`SELECT id, secret_blob, previous_secret_blob FROM outgoing_endpoints FOR UPDATE`;
  for (const { id, secret, previous } of reencryptedSecrets(rows, cipher))
    await sql`UPDATE outgoing_endpoints SET secret_blob = ${secret}, previous_secret_blob = ${previous} WHERE id = ${id}`;
}

export async function pruneDeliveries(sql: ISql, before: string): Promise<number> {
  return (await query(sql, PRUNE_DELIVERIES, { before })).count;
}
