import type { ISql, Sql } from 'postgres';
import { hitExpiry } from './expiring-rows.ts';
import type { RateLimitAttempt } from './types.ts';

/** The PostgreSQL side of expiring values and rate-limit hits (migration 4). */

// Documents go in as text and are cast: a string bound straight to a jsonb parameter would be
// stored as a JSON string. They come back parsed.
const UPSERT_EXPIRING = `
  INSERT INTO expiring_values (scope, key, value, expires_at) VALUES ($1, $2, $3::text::jsonb, $4)
  ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`;

export async function upsertExpiring(
  sql: ISql,
  scope: string,
  key: string,
  value: unknown,
  expiresAt: string,
): Promise<void> {
  await sql.unsafe(UPSERT_EXPIRING, [scope, key, JSON.stringify(value), expiresAt], {
    prepare: true,
  });
}

export async function selectExpiring<T>(
  sql: ISql,
  scope: string,
  key: string,
  now: string,
): Promise<T | undefined> {
  const [row] =
    await sql`SELECT value FROM expiring_values WHERE scope = ${scope} AND key = ${key} AND expires_at > ${now}`;
  return row?.value as T | undefined;
}

// One statement: of concurrent DELETEs of one row, the later ones wait for the first to commit
// and then find nothing to return. An expired value is deleted all the same, and not returned.
export async function deleteReturningExpiring<T>(
  sql: ISql,
  scope: string,
  key: string,
  now: string,
): Promise<T | undefined> {
  const [row] =
    await sql`DELETE FROM expiring_values WHERE scope = ${scope} AND key = ${key} RETURNING value, expires_at`;
  return row === undefined || String(row.expires_at) <= now ? undefined : (row.value as T);
}

export async function deleteExpiring(sql: ISql, scope: string, key: string): Promise<void> {
  await sql`DELETE FROM expiring_values WHERE scope = ${scope} AND key = ${key}`;
}

/**
 * In one transaction that first takes an advisory lock on the limit and client: attempts of one
 * client on several instances count one after the other, those of other clients do not wait.
 */
export async function takeRateLimitHit(sql: Sql, attempt: RateLimitAttempt): Promise<number> {
  const { limit, client, max, at } = attempt;
  const lockKey = `rate limit ${JSON.stringify([limit, client])}`;
  return sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
    await tx`DELETE FROM rate_limit_hits WHERE limit_name = ${limit} AND client = ${client} AND expires_at <= ${at}`;
    const [row] =
      await tx`SELECT COUNT(*)::int AS hits, MIN(expires_at) AS first FROM rate_limit_hits WHERE limit_name = ${limit} AND client = ${client}`;
    if (Number(row?.hits ?? 0) >= max) return Date.parse(String(row?.first)) - Date.parse(at);
    await tx`INSERT INTO rate_limit_hits (limit_name, client, expires_at) VALUES (${limit}, ${client}, ${hitExpiry(attempt)})`;
    return 0;
  });
}

export async function deleteRateLimitHits(sql: ISql, limit: string, client: string): Promise<void> {
  await sql`DELETE FROM rate_limit_hits WHERE limit_name = ${limit} AND client = ${client}`;
}

// Two statements, no transaction: nothing needs them together, and instances pruning at the
// same time then hold their row locks only as long as one statement.
export async function deleteExpired(sql: ISql, now: string): Promise<number> {
  const values = await sql`DELETE FROM expiring_values WHERE expires_at <= ${now}`;
  const hits = await sql`DELETE FROM rate_limit_hits WHERE expires_at <= ${now}`;
  return values.count + hits.count;
}
