import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** How long a writer waits for another connection's write lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * Opens (creating file and folder on first start) a sqlite database configured for a server:
 * WAL so reads do not block the writer, a busy timeout so several connections (or processes)
 * take turns instead of failing, foreign keys on, and deleted rows overwritten on disk.
 */
export function openDatabase(path: string): DatabaseSync {
  if (path !== ':memory:') createPrivateFile(path);
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true });
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    // In WAL mode NORMAL may lose the last commits on power loss, never on a process crash, and never corrupts.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    // A deleted account's (encrypted) token is zeroed rather than left in a free page.
    db.exec('PRAGMA secure_delete = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

// Owner-only: sqlite gives the -wal and -shm files the permissions of the database file.
function createPrivateFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
}

/**
 * Runs `work` in one write transaction: committed when it returns, rolled back when it throws.
 * IMMEDIATE takes the write lock up front, so a read-then-write inside cannot be raced by
 * another connection.
 */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
