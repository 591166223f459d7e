import type { DatabaseSync } from 'node:sqlite';
import { StoreError } from './errors.ts';

/** Named leases, in both dialects (migration 6). */

// One statement: a free name is inserted; a held one is updated only when it is this holder's
// (a renewal, which keeps acquired_at) or has expired. Zero rows changed: someone else holds it.
export const ACQUIRE_LEASE = `
  INSERT INTO leases (name, holder, acquired_at, expires_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (name) DO UPDATE SET
    acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END,
    holder = excluded.holder,
    expires_at = excluded.expires_at
  WHERE leases.holder = excluded.holder OR leases.expires_at <= excluded.acquired_at`;

export const RELEASE_LEASE = 'DELETE FROM leases WHERE name = $1 AND holder = $2';

/** The parameters of ACQUIRE_LEASE, after checking them: ISO times, so text order is time order. */
export function leaseParameters(
  name: string,
  holder: string,
  ttlMs: number,
  now: number,
): [string, string, string, string] {
  if (name === '' || holder === '')
    throw new StoreError('A lease needs a name and a holder (neither may be empty).');
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1)
    throw new StoreError(
      `A lease lasts a whole number of milliseconds, at least 1 (got ${ttlMs}).`,
    );
  if (!Number.isFinite(now)) throw new StoreError(`A lease needs a valid "now" (got ${now}).`);
  return [name, holder, new Date(now).toISOString(), new Date(now + ttlMs).toISOString()];
}

// sqlite reads `$1` as a parameter named "$1"; `?1` is its numbered form.
const numbered = (sql: string) => sql.replace(/\$(\d)/g, '?$1');
const SQLITE_ACQUIRE = numbered(ACQUIRE_LEASE);
const SQLITE_RELEASE = numbered(RELEASE_LEASE);

export function acquireLeaseRow(db: DatabaseSync, parameters: string[]): boolean {
  return db.prepare(SQLITE_ACQUIRE).run(...parameters).changes > 0;
}

export function releaseLeaseRow(db: DatabaseSync, name: string, holder: string): boolean {
  return db.prepare(SQLITE_RELEASE).run(name, holder).changes > 0;
}
