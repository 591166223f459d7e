import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
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
import { inTransaction } from './sqlite-database.ts';
import type { TokenCipher } from './token-cipher.ts';
import type {
  Lease,
  OutgoingAttempt,
  OutgoingDelivery,
  OutgoingEndpoint,
  OutgoingMessage,
} from './types.ts';

/** The sqlite side of outgoing webhook endpoints and their deliveries (migration 7). */

function run(db: DatabaseSync, sql: string, values: Record<string, unknown>) {
  const { text, parameters } = positional(sql, values, 'sqlite');
  return db.prepare(text).run(...(parameters as SQLInputValue[]));
}

function all(db: DatabaseSync, sql: string, values: Record<string, unknown>) {
  const { text, parameters } = positional(sql, values, 'sqlite');
  return db.prepare(text).all(...(parameters as SQLInputValue[]));
}

export function insertEndpoint(
  db: DatabaseSync,
  endpoint: OutgoingEndpoint,
  cipher: TokenCipher,
): void {
  db.prepare(
    `INSERT INTO outgoing_endpoints (${ENDPOINT_COLUMNS.join(', ')}) VALUES (${ENDPOINT_COLUMNS.map(() => '?').join(', ')})`,
  ).run(...endpointParameters(endpoint, cipher));
}

export function selectEndpoints(db: DatabaseSync, cipher: TokenCipher): OutgoingEndpoint[] {
  return db
    .prepare('SELECT * FROM outgoing_endpoints ORDER BY created_at, id')
    .all()
    .map((row) => endpointFromRow(row, cipher));
}

export function selectEndpoint(
  db: DatabaseSync,
  id: string,
  cipher: TokenCipher,
): OutgoingEndpoint | undefined {
  const row = db.prepare('SELECT * FROM outgoing_endpoints WHERE id = ?').get(id);
  return row === undefined ? undefined : endpointFromRow(row, cipher);
}

export function deleteEndpoint(db: DatabaseSync, id: string): boolean {
  return db.prepare('DELETE FROM outgoing_endpoints WHERE id = ?').run(id).changes > 0;
}

export function rotateSecret(
  db: DatabaseSync,
  id: string,
  secret: string,
  previousUntil: string,
  cipher: TokenCipher,
): boolean {
  const blob = rotatedSecretBlob(id, secret, cipher);
  return run(db, ROTATE_SECRET, { id, blob, previousUntil }).changes > 0;
}

const ENQUEUE = `
  INSERT INTO outgoing_deliveries
    (endpoint_id, message_id, event_type, message, status, next_attempt_at, retry_until)
  SELECT id, :id, :type, :message, 'pending', :at, :retryUntil FROM outgoing_endpoints
  WHERE EXISTS (SELECT 1 FROM json_each(outgoing_endpoints.events) WHERE value = :type)
  ORDER BY created_at, id
  ON CONFLICT (endpoint_id, message_id) DO NOTHING`;

export function enqueue(
  db: DatabaseSync,
  message: OutgoingMessage,
  at: string,
  retryUntil: string,
): number {
  const values = {
    id: message.id,
    type: message.type,
    message: JSON.stringify(message),
    at,
    retryUntil,
  };
  return Number(inTransaction(db, () => run(db, ENQUEUE, values)).changes);
}

// One conditional UPDATE under sqlite's write lock: of processes claiming at once, each delivery
// goes to one.
export function claimDeliveries(
  db: DatabaseSync,
  { owner, now, until }: Lease,
  limit: number,
): OutgoingDelivery[] {
  const sql = CLAIM_DELIVERIES.replace(':lock', '');
  const rows = inTransaction(db, () => all(db, sql, { owner, until, now, limit }));
  return rows.map(deliveryFromRow).sort(bySeq);
}

export function finishAttempt(
  db: DatabaseSync,
  seq: number,
  owner: string,
  attempt: OutgoingAttempt,
): boolean {
  return run(db, FINISH_ATTEMPT, finishParameters(seq, owner, attempt)).changes > 0;
}

export function selectDeliveries(
  db: DatabaseSync,
  { endpointId, limit = 50 }: { endpointId?: string; limit?: number },
): OutgoingDelivery[] {
  const rows =
    endpointId === undefined
      ? db.prepare('SELECT * FROM outgoing_deliveries ORDER BY seq DESC LIMIT ?').all(limit)
      : db
          .prepare(
            'SELECT * FROM outgoing_deliveries WHERE endpoint_id = ? ORDER BY seq DESC LIMIT ?',
          )
          .all(endpointId, limit);
  return rows.map(deliveryFromRow);
}

export function replayDelivery(
  db: DatabaseSync,
  seq: number,
  at: string,
  retryUntil: string,
): boolean {
  return run(db, REPLAY_DELIVERY, { seq, at, retryUntil }).changes > 0;
}

/** Within the caller's transaction (the tokens' re-encryption). */
export function reencryptSecrets(db: DatabaseSync, cipher: TokenCipher): void {
  const rows = db
    .prepare('SELECT id, secret_blob, previous_secret_blob FROM outgoing_endpoints')
    .all();
  const update = db.prepare(
    'UPDATE outgoing_endpoints SET secret_blob = ?, previous_secret_blob = ? WHERE id = ?',
  );
  for (const { id, secret, previous } of reencryptedSecrets(rows, cipher))
    update.run(secret, previous, id);
}

export function pruneDeliveries(db: DatabaseSync, before: string): number {
  return Number(run(db, PRUNE_DELIVERIES, { before }).changes);
}
