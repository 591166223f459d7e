import type { DatabaseSync } from 'node:sqlite';
import { byReceipt } from './row-order.ts';
import { inTransaction } from './sqlite-database.ts';
import type { DirtyAccount, Lease, StoredWebhookEvent, WebhookEventSummary } from './types.ts';

/** The sqlite side of webhook events, dirty accounts and the rebuild status (migrations 3, 5). */

const INSERT_EVENT = `
  INSERT INTO webhook_events (dedup_key, object, account_id, field, event, received_at)
  VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING`;

export function insertWebhookEvents(
  db: DatabaseSync,
  events: StoredWebhookEvent[],
): StoredWebhookEvent[] {
  return inTransaction(db, () => {
    const insert = db.prepare(INSERT_EVENT);
    return events.filter(
      (e) =>
        insert.run(
          e.dedupKey,
          e.object,
          e.accountId,
          e.field,
          JSON.stringify(e.payload),
          e.receivedAt,
        ).changes > 0,
    );
  });
}

export function selectUnprocessedEvents(db: DatabaseSync, limit: number): StoredWebhookEvent[] {
  const rows = db
    .prepare(
      'SELECT * FROM webhook_events WHERE processed_at IS NULL ORDER BY received_at, dedup_key LIMIT ?',
    )
    .all(limit);
  return rows.map(eventFromRow);
}

// One conditional UPDATE in a write transaction: of the processes claiming at once, each event
// goes to one (sqlite has one writer at a time and checks the condition under its lock).
const CLAIM_EVENTS = `
  UPDATE webhook_events SET claimed_by = :owner, claim_until = :until
  WHERE dedup_key IN (
    SELECT dedup_key FROM webhook_events
    WHERE processed_at IS NULL AND (claim_until IS NULL OR claim_until <= :now)
    ORDER BY received_at, dedup_key LIMIT :limit
  )
  RETURNING *`;

export function claimEvents(
  db: DatabaseSync,
  { owner, now, until }: Lease,
  limit: number,
): StoredWebhookEvent[] {
  const rows = inTransaction(db, () => db.prepare(CLAIM_EVENTS).all({ owner, now, until, limit }));
  return rows.map(eventFromRow).sort(byReceipt);
}

export function updateEventProcessed(
  db: DatabaseSync,
  dedupKey: string,
  effect: string,
  at: string,
): void {
  db.prepare('UPDATE webhook_events SET processed_at = ?, effect = ? WHERE dedup_key = ?').run(
    at,
    effect,
    dedupKey,
  );
}

export function selectEventSummary(db: DatabaseSync): WebhookEventSummary {
  const row = db
    .prepare(
      'SELECT COUNT(*) AS total, COUNT(*) - COUNT(processed_at) AS unprocessed, MAX(received_at) AS last FROM webhook_events',
    )
    .get() ?? { total: 0, unprocessed: 0, last: null };
  return {
    total: Number(row.total),
    unprocessed: Number(row.unprocessed),
    ...(row.last !== null && { lastReceivedAt: String(row.last) }),
  };
}

export function upsertDirtyAccount(
  db: DatabaseSync,
  accountId: string,
  reason: string,
  at: string,
): void {
  db.prepare(
    'INSERT INTO dirty_accounts (account_id, since, reason) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET reason = excluded.reason',
  ).run(accountId, at, reason);
}

export function selectDirtyAccounts(db: DatabaseSync): DirtyAccount[] {
  return db
    .prepare('SELECT account_id, since, reason FROM dirty_accounts ORDER BY since, account_id')
    .all()
    .map((row) => ({
      accountId: String(row.account_id),
      since: String(row.since),
      reason: String(row.reason),
    }));
}

export function deleteDirtyAccounts(db: DatabaseSync, upTo: string): void {
  db.prepare('DELETE FROM dirty_accounts WHERE since <= ?').run(upTo);
}

export function selectRebuildStatus<T>(db: DatabaseSync): T | undefined {
  const row = db.prepare('SELECT status FROM rebuild_status WHERE id = 1').get();
  return row === undefined ? undefined : (JSON.parse(String(row.status)) as T);
}

export function upsertRebuildStatus(db: DatabaseSync, status: object): void {
  db.prepare(
    'INSERT INTO rebuild_status (id, status) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status',
  ).run(JSON.stringify(status));
}

/** Under the write lock (BEGIN IMMEDIATE), so a concurrent change waits and then sees this one. */
export function changeRebuildStatus<T extends object>(
  db: DatabaseSync,
  change: (current: T | undefined) => T,
): T {
  return inTransaction(db, () => {
    const next = change(selectRebuildStatus<T>(db));
    upsertRebuildStatus(db, next);
    return next;
  });
}

function eventFromRow(row: Record<string, unknown>): StoredWebhookEvent {
  return {
    dedupKey: String(row.dedup_key),
    object: String(row.object),
    accountId: String(row.account_id),
    field: String(row.field),
    payload: JSON.parse(String(row.event)) as StoredWebhookEvent['payload'],
    receivedAt: String(row.received_at),
    ...(row.processed_at !== null && { processedAt: String(row.processed_at) }),
    ...(row.effect !== null && { effect: String(row.effect) }),
  };
}
