/** One schema change. Versions are applied in ascending order, each exactly once. */
export interface Migration {
  version: number;
  /** What it adds, for error messages. */
  name: string;
  sql: string;
}

/**
 * The schema, as the ordered list of changes that build it. Append only: an applied migration
 * is never edited, a later one changes what it did. Features add their tables here.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'connected accounts',
    // Ids are TEXT: Instagram ids exceed 2^53. Timestamps are ISO strings from toISOString(),
    // so text order is time order. The token column holds a cipher blob, never plaintext.
    sql: `
      CREATE TABLE accounts (
        user_id TEXT PRIMARY KEY NOT NULL CHECK (user_id GLOB '[0-9]*'),
        username TEXT NOT NULL,
        account_type TEXT,
        scopes TEXT NOT NULL,
        token_blob TEXT NOT NULL,
        token_issued_at TEXT NOT NULL,
        token_expires_at TEXT,
        refreshed_at TEXT,
        connected_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('oauth', 'cli')),
        usage_app_percent REAL,
        usage_business_percent REAL,
        usage_at TEXT
      ) STRICT;
      CREATE INDEX accounts_by_connected_at ON accounts (connected_at, user_id);
    `,
  },
  {
    version: 2,
    name: 'publish jobs',
    // The whole job is one JSON document, written after every step; the columns beside it are
    // what queries need. No foreign key to accounts: disconnecting keeps the history.
    sql: `
      CREATE TABLE publish_jobs (
        id TEXT PRIMARY KEY NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        account_id TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'published', 'failed')),
        job TEXT NOT NULL CHECK (json_valid(job)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX publish_jobs_by_status ON publish_jobs (status, created_at);
    `,
  },
  {
    version: 3,
    name: 'webhook events and rebuild status',
    // dedup_key is the primary key: a redelivered change is ignored by the insert. processed_at
    // stays NULL until the event's effects ran, so events stored before a crash are processed at
    // the next start. dirty_accounts: accounts whose Instagram data changed since the last
    // rebuild was triggered. rebuild_status has one row, the trigger's last state as JSON.
    sql: `
      CREATE TABLE webhook_events (
        dedup_key TEXT PRIMARY KEY NOT NULL,
        object TEXT NOT NULL,
        account_id TEXT NOT NULL,
        field TEXT NOT NULL,
        event TEXT NOT NULL CHECK (json_valid(event)),
        received_at TEXT NOT NULL,
        processed_at TEXT,
        effect TEXT
      ) STRICT;
      CREATE INDEX webhook_events_unprocessed ON webhook_events (processed_at, received_at);
      CREATE TABLE dirty_accounts (
        account_id TEXT PRIMARY KEY NOT NULL,
        since TEXT NOT NULL,
        reason TEXT NOT NULL
      ) STRICT;
      CREATE TABLE rebuild_status (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        status TEXT NOT NULL CHECK (json_valid(status))
      ) STRICT;
    `,
  },
];
