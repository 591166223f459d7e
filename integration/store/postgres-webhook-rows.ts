import type { ISql, Row, Sql } from 'postgres';
import { byReceipt } from './row-order.ts';
import type { DirtyAccount, Lease, StoredWebhookEvent, WebhookEventSummary } from './types.ts';

/** The PostgreSQL side of webhook events, dirty accounts and the rebuild status (migrations 3, 5). */

// Documents go in as text and are cast: a string bound straight to a jsonb parameter would be
// stored as a JSON string. They come back parsed.
const INSERT_EVENT = `
  INSERT INTO webhook_events (dedup_key, object, account_id, field, event, received_at)
  VALUES ($1, $2, $3, $4, $5::text::jsonb, $6) ON CONFLICT (dedup_key) DO NOTHING`;

/** In one transaction. Servers given the same delivery at once store each event once between them. */
export async function insertWebhookEvents(
  sql: Sql,
  events: StoredWebhookEvent[],
): Promise<StoredWebhookEvent[]> {
  const added: StoredWebhookEvent[] = [];
  await sql.begin(async (tx) => {
    for (const e of events) {
      const parameters = [
        e.dedupKey,
        e.object,
        e.accountId,
        e.field,
        JSON.stringify(e.payload),
        e.receivedAt,
      ];
      const inserted = await tx.unsafe(INSERT_EVENT, parameters, { prepare: true });
      if (inserted.count > 0) added.push(e);
    }
  });
  return added;
}

export async function selectUnprocessedEvents(
  sql: ISql,
  limit: number,
): Promise<StoredWebhookEvent[]> {
  const rows =
    await sql`SELECT * FROM webhook_events WHERE processed_at IS NULL ORDER BY received_at, dedup_key LIMIT ${limit}`;
  return rows.map(eventFromRow);
}

// SKIP LOCKED: instances draining at once pass over the rows another is claiming, and the
// condition is checked again on a row's newest version, so each event goes to one instance.
const CLAIM_EVENTS = `
  UPDATE webhook_events SET claimed_by = $1, claim_until = $2
  WHERE dedup_key IN (
    SELECT dedup_key FROM webhook_events
    WHERE processed_at IS NULL AND (claim_until IS NULL OR claim_until <= $3)
    ORDER BY received_at, dedup_key LIMIT $4
    FOR UPDATE SKIP LOCKED
  )
  RETURNING *`;

export async function claimEvents(
  sql: ISql,
  { owner, now, until }: Lease,
  limit: number,
): Promise<StoredWebhookEvent[]> {
  const rows = await sql.unsafe(CLAIM_EVENTS, [owner, until, now, limit], { prepare: true });
  return rows.map(eventFromRow).sort(byReceipt);
}

export async function updateEventProcessed(
  sql: ISql,
  dedupKey: string,
  effect: string,
  at: string,
): Promise<void> {
  await sql`UPDATE webhook_events SET processed_at = ${at}, effect = ${effect} WHERE dedup_key = ${dedupKey}`;
}

export async function selectEventSummary(sql: ISql): Promise<WebhookEventSummary> {
  const [row] =
    await sql`SELECT COUNT(*)::int AS total, (COUNT(*) - COUNT(processed_at))::int AS unprocessed, MAX(received_at) AS last FROM webhook_events`;
  return {
    total: Number(row?.total ?? 0),
    unprocessed: Number(row?.unprocessed ?? 0),
    ...(row?.last != null && { lastReceivedAt: String(row.last) }),
  };
}

export async function upsertDirtyAccount(
  sql: ISql,
  accountId: string,
  reason: string,
  at: string,
): Promise<void> {
  await sql`INSERT INTO dirty_accounts (account_id, since, reason) VALUES (${accountId}, ${at}, ${reason}) ON CONFLICT (account_id) DO UPDATE SET reason = excluded.reason`;
}

export async function selectDirtyAccounts(sql: ISql): Promise<DirtyAccount[]> {
  const rows =
    await sql`SELECT account_id, since, reason FROM dirty_accounts ORDER BY since, account_id`;
  return rows.map((row) => ({
    accountId: String(row.account_id),
    since: String(row.since),
    reason: String(row.reason),
  }));
}

export async function deleteDirtyAccounts(sql: ISql, upTo: string): Promise<void> {
  await sql`DELETE FROM dirty_accounts WHERE since <= ${upTo}`;
}

export async function selectRebuildStatus<T>(sql: ISql): Promise<T | undefined> {
  const [row] = await sql`SELECT status FROM rebuild_status WHERE id = 1`;
  return row?.status as T | undefined;
}

export async function upsertRebuildStatus(sql: ISql, status: object): Promise<void> {
  await sql.unsafe(
    'INSERT INTO rebuild_status (id, status) VALUES (1, $1::text::jsonb) ON CONFLICT (id) DO UPDATE SET status = excluded.status',
    [JSON.stringify(status)],
    { prepare: true },
  );
}

// Any number, as long as nothing else takes this advisory lock.
const REBUILD_STATUS_LOCK = 7_274_101_306;

/**
 * Under an advisory lock held to the end of the transaction, so a concurrent change waits and
 * then reads this one (a row lock would not do before the first status exists).
 */
export async function changeRebuildStatus<T extends object>(
  sql: Sql,
  change: (current: T | undefined) => T,
): Promise<T> {
  let next: T | undefined;
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${REBUILD_STATUS_LOCK}::bigint)`;
    next = change(await selectRebuildStatus<T>(tx));
    await upsertRebuildStatus(tx, next);
  });
  return next as T;
}

function eventFromRow(row: Row): StoredWebhookEvent {
  return {
    dedupKey: String(row.dedup_key),
    object: String(row.object),
    accountId: String(row.account_id),
    field: String(row.field),
    payload: row.event as StoredWebhookEvent['payload'],
    receivedAt: String(row.received_at),
    ...(row.processed_at !== null && { processedAt: String(row.processed_at) }),
    ...(row.effect !== null && { effect: String(row.effect) }),
  };
}
