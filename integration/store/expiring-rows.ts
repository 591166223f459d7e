import type { DatabaseSync } from 'node:sqlite';
import { inTransaction } from './sqlite-database.ts';
import type { RateLimitAttempt } from './types.ts';

/** The sqlite side of expiring values and rate-limit hits (migration 4). */

export function upsertExpiring(
  db: DatabaseSync,
  scope: string,
  key: string,
  value: unknown,
  expiresAt: string,
): void {
  db.prepare(
    `INSERT INTO expiring_values (scope, key, value, expires_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
  ).run(scope, key, JSON.stringify(value), expiresAt);
}

export function selectExpiring<T>(
  db: DatabaseSync,
  scope: string,
  key: string,
  now: string,
): T | undefined {
  const row = db
    .prepare('SELECT value FROM expiring_values WHERE scope = ? AND key = ? AND expires_at > ?')
    .get(scope, key, now);
  return row === undefined ? undefined : (JSON.parse(String(row.value)) as T);
}

// One statement: another connection's take of the same key sees the row gone. An expired value
// is deleted all the same, and not returned.
export function deleteReturningExpiring<T>(
  db: DatabaseSync,
  scope: string,
  key: string,
  now: string,
): T | undefined {
  const [row] = db
    .prepare('DELETE FROM expiring_values WHERE scope = ? AND key = ? RETURNING value, expires_at')
    .all(scope, key);
  return row === undefined || String(row.expires_at) <= now
    ? undefined
    : (JSON.parse(String(row.value)) as T);
}

export function deleteExpiring(db: DatabaseSync, scope: string, key: string): void {
  db.prepare('DELETE FROM expiring_values WHERE scope = ? AND key = ?').run(scope, key);
}

/** IMMEDIATE takes the write lock before counting, so no other connection counts meanwhile. */
export function takeRateLimitHit(db: DatabaseSync, attempt: RateLimitAttempt): number {
  const { limit, client, max, at } = attempt;
  return inTransaction(db, () => {
    db.prepare(
      'DELETE FROM rate_limit_hits WHERE limit_name = ? AND client = ? AND expires_at <= ?',
    ).run(limit, client, at);
    const row = db
      .prepare(
        'SELECT COUNT(*) AS hits, MIN(expires_at) AS first FROM rate_limit_hits WHERE limit_name = ? AND client = ?',
      )
      .get(limit, client);
    if (Number(row?.hits ?? 0) >= max) return Date.parse(String(row?.first)) - Date.parse(at);
    db.prepare('INSERT INTO rate_limit_hits (limit_name, client, expires_at) VALUES (?, ?, ?)').run(
      limit,
      client,
      hitExpiry(attempt),
    );
    return 0;
  });
}

export function deleteRateLimitHits(db: DatabaseSync, limit: string, client: string): void {
  db.prepare('DELETE FROM rate_limit_hits WHERE limit_name = ? AND client = ?').run(limit, client);
}

export function deleteExpired(db: DatabaseSync, now: string): number {
  const values = db.prepare('DELETE FROM expiring_values WHERE expires_at <= ?').run(now);
  const hits = db.prepare('DELETE FROM rate_limit_hits WHERE expires_at <= ?').run(now);
  return Number(values.changes) + Number(hits.changes);
}

/** When a hit counted at `at` leaves the window. */
export function hitExpiry({ at, windowMs }: RateLimitAttempt): string {
  return new Date(Date.parse(at) + windowMs).toISOString();
}
