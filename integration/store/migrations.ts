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
];
