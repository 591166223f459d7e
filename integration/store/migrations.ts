/**
 * One schema change, written once per SQL dialect, side by side. Versions are applied in
 * ascending order, each exactly once, in every backend: a version means the same schema in both.
 */
export interface Migration {
  version: number;
  /** What it adds, for error messages. */
  name: string;
  /** For the sqlite file (STRICT tables, json_valid checks). */
  sqlite: string;
  /**
   * For PostgreSQL: the same tables, columns and constraints. Documents are `jsonb` (written
   * with `$n::text::jsonb`, read back parsed); ids and timestamps stay ISO `TEXT`, as in sqlite,
   * collated "C" so that they compare byte by byte as sqlite's do, whatever the database's locale.
   */
  postgres: string;
}

/**
 * The schema, as the ordered list of changes that build it. Append only: an applied migration
 * is never edited, a later one changes what it did. Features add their tables here, in both
 * dialects; the contract tests (test/store/) run every migration against both.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'connected accounts',
    // Ids are TEXT: Instagram ids exceed 2^53. Timestamps are ISO strings from toISOString(),
    // so text order is time order. The token column holds a cipher blob, never plaintext.
    sqlite: `
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
    postgres: `
      CREATE TABLE accounts (
        user_id TEXT COLLATE "C" PRIMARY KEY NOT NULL CHECK (user_id ~ '^[0-9]'),
        username TEXT COLLATE "C" NOT NULL,
        account_type TEXT COLLATE "C",
        scopes TEXT COLLATE "C" NOT NULL,
        token_blob TEXT COLLATE "C" NOT NULL,
        token_issued_at TEXT COLLATE "C" NOT NULL,
        token_expires_at TEXT COLLATE "C",
        refreshed_at TEXT COLLATE "C",
        connected_at TEXT COLLATE "C" NOT NULL,
        source TEXT COLLATE "C" NOT NULL CHECK (source IN ('oauth', 'cli')),
        usage_app_percent DOUBLE PRECISION,
        usage_business_percent DOUBLE PRECISION,
        usage_at TEXT COLLATE "C"
      );
      CREATE INDEX accounts_by_connected_at ON accounts (connected_at, user_id);
    `,
  },
  {
    version: 2,
    name: 'publish jobs',
    // The whole job is one JSON document, written after every step; the columns beside it are
    // what queries need. No foreign key to accounts: disconnecting keeps the history.
    sqlite: `
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
    postgres: `
      CREATE TABLE publish_jobs (
        id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
        idempotency_key TEXT COLLATE "C" NOT NULL UNIQUE,
        account_id TEXT COLLATE "C" NOT NULL,
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('queued', 'running', 'published', 'failed')),
        job JSONB NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL
      );
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
    sqlite: `
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
    postgres: `
      CREATE TABLE webhook_events (
        dedup_key TEXT COLLATE "C" PRIMARY KEY NOT NULL,
        object TEXT COLLATE "C" NOT NULL,
        account_id TEXT COLLATE "C" NOT NULL,
        field TEXT COLLATE "C" NOT NULL,
        event JSONB NOT NULL,
        received_at TEXT COLLATE "C" NOT NULL,
        processed_at TEXT COLLATE "C",
        effect TEXT COLLATE "C"
      );
      CREATE INDEX webhook_events_unprocessed ON webhook_events (processed_at, received_at);
      CREATE TABLE dirty_accounts (
        account_id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
        since TEXT COLLATE "C" NOT NULL,
        reason TEXT COLLATE "C" NOT NULL
      );
      CREATE TABLE rebuild_status (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        status JSONB NOT NULL
      );
    `,
  },
  {
    version: 4,
    name: 'expiring values and rate-limit hits',
    // What several server instances must agree on, with an expiry. expiring_values: a JSON
    // document per (scope, key): upload tickets, Astro sessions. rate_limit_hits: one row per
    // counted hit of a sliding-window limit, kept until it leaves the window (expires_at).
    // Expired rows are ignored when read and deleted by pruneExpired.
    sqlite: `
      CREATE TABLE expiring_values (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        expires_at TEXT NOT NULL,
        PRIMARY KEY (scope, key)
      ) STRICT;
      CREATE INDEX expiring_values_by_expiry ON expiring_values (expires_at);
      CREATE TABLE rate_limit_hits (
        limit_name TEXT NOT NULL,
        client TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rate_limit_hits_by_client ON rate_limit_hits (limit_name, client, expires_at);
      CREATE INDEX rate_limit_hits_by_expiry ON rate_limit_hits (expires_at);
    `,
    postgres: `
      CREATE TABLE expiring_values (
        scope TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        value JSONB NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX expiring_values_by_expiry ON expiring_values (expires_at);
      CREATE TABLE rate_limit_hits (
        limit_name TEXT COLLATE "C" NOT NULL,
        client TEXT COLLATE "C" NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL
      );
      CREATE INDEX rate_limit_hits_by_client ON rate_limit_hits (limit_name, client, expires_at);
      CREATE INDEX rate_limit_hits_by_expiry ON rate_limit_hits (expires_at);
    `,
  },
  {
    version: 5,
    name: 'publish job leases and webhook event claims',
    // Which instance (server process) runs a job, until when unless it renews: a job whose
    // lease lapsed (its instance died) is taken over by another. The same for the webhook events
    // an instance is processing. NULL: nobody holds it (a new job, or a row from before this).
    sqlite: `
      ALTER TABLE publish_jobs ADD COLUMN lease_owner TEXT;
      ALTER TABLE publish_jobs ADD COLUMN lease_until TEXT;
      ALTER TABLE webhook_events ADD COLUMN claimed_by TEXT;
      ALTER TABLE webhook_events ADD COLUMN claim_until TEXT;
    `,
    postgres: `
      ALTER TABLE publish_jobs
        ADD COLUMN lease_owner TEXT COLLATE "C",
        ADD COLUMN lease_until TEXT COLLATE "C";
      ALTER TABLE webhook_events
        ADD COLUMN claimed_by TEXT COLLATE "C",
        ADD COLUMN claim_until TEXT COLLATE "C";
    `,
  },
  {
    version: 6,
    name: 'leases',
    // One row per named lease while someone holds it (or held it: an expired row is simply taken
    // over). holder names a process; acquired_at is when this holder took it (kept on renewal).
    sqlite: `
      CREATE TABLE leases (
        name TEXT PRIMARY KEY NOT NULL,
        holder TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
    `,
    postgres: `
      CREATE TABLE leases (
        name TEXT COLLATE "C" PRIMARY KEY NOT NULL,
        holder TEXT COLLATE "C" NOT NULL,
        acquired_at TEXT COLLATE "C" NOT NULL,
        expires_at TEXT COLLATE "C" NOT NULL
      );
    `,
  },
  {
    version: 7,
    name: 'outgoing webhook endpoints and deliveries',
    // Secrets are cipher blobs (as tokens). seq orders an endpoint's deliveries: a later one is
    // sent only once every earlier one was delivered or failed. claimed_by/claim_until: the
    // instance sending it, as for webhook events. Deleting an endpoint deletes its deliveries.
    sqlite: `
      CREATE TABLE outgoing_endpoints (
        id TEXT PRIMARY KEY NOT NULL,
        url TEXT NOT NULL,
        events TEXT NOT NULL CHECK (json_valid(events)),
        secret_blob TEXT NOT NULL,
        previous_secret_blob TEXT,
        previous_secret_until TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE outgoing_deliveries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        endpoint_id TEXT NOT NULL REFERENCES outgoing_endpoints (id) ON DELETE CASCADE,
        message_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        message TEXT NOT NULL CHECK (json_valid(message)),
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        retry_until TEXT NOT NULL,
        last_attempt_at TEXT,
        last_response_code INTEGER,
        last_error TEXT,
        delivered_at TEXT,
        claimed_by TEXT,
        claim_until TEXT,
        UNIQUE (endpoint_id, message_id)
      ) STRICT;
      CREATE INDEX outgoing_deliveries_pending ON outgoing_deliveries (endpoint_id, seq) WHERE status = 'pending';
    `,
    postgres: `
      CREATE TABLE outgoing_endpoints (
        id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
        url TEXT COLLATE "C" NOT NULL,
        events JSONB NOT NULL,
        secret_blob TEXT COLLATE "C" NOT NULL,
        previous_secret_blob TEXT COLLATE "C",
        previous_secret_until TEXT COLLATE "C",
        created_at TEXT COLLATE "C" NOT NULL
      );
      CREATE TABLE outgoing_deliveries (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        endpoint_id TEXT COLLATE "C" NOT NULL REFERENCES outgoing_endpoints (id) ON DELETE CASCADE,
        message_id TEXT COLLATE "C" NOT NULL,
        event_type TEXT COLLATE "C" NOT NULL,
        message JSONB NOT NULL,
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT COLLATE "C" NOT NULL,
        retry_until TEXT COLLATE "C" NOT NULL,
        last_attempt_at TEXT COLLATE "C",
        last_response_code INTEGER,
        last_error TEXT COLLATE "C",
        delivered_at TEXT COLLATE "C",
        claimed_by TEXT COLLATE "C",
        claim_until TEXT COLLATE "C",
        UNIQUE (endpoint_id, message_id)
      );
      CREATE INDEX outgoing_deliveries_pending ON outgoing_deliveries (endpoint_id, seq) WHERE status = 'pending';
    `,
  },
  {
    version: 8,
    name: 'login flavour of connected accounts',
    // Which login connected the account, so which Graph host its token is for. Rows from
    // before Facebook Login were all connected through Instagram Login.
    sqlite: `
      ALTER TABLE accounts ADD COLUMN login_flavour TEXT NOT NULL DEFAULT 'instagram'
        CHECK (login_flavour IN ('instagram', 'facebook'));
    `,
    postgres: `
      ALTER TABLE accounts ADD COLUMN login_flavour TEXT COLLATE "C" NOT NULL DEFAULT 'instagram'
        CHECK (login_flavour IN ('instagram', 'facebook'));
    `,
  },
  {
    version: 9,
    name: 'tagged and mentioned posts of guests',
    // One row per guest media id. media_urls: the pictures to re-host, a JSON array.
    sqlite: `
      CREATE TABLE tagged_candidates (
        media_id TEXT PRIMARY KEY NOT NULL,
        account_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('tag', 'mention', 'comment-mention')),
        author TEXT NOT NULL,
        permalink TEXT,
        caption TEXT,
        media_type TEXT,
        media_urls TEXT NOT NULL CHECK (json_valid(media_urls)),
        posted_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'removed')),
        received_at TEXT NOT NULL,
        reviewed_at TEXT
      ) STRICT;
      CREATE INDEX tagged_candidates_event ON tagged_candidates (event_id, status, posted_at);
    `,
    postgres: `
      CREATE TABLE tagged_candidates (
        media_id TEXT COLLATE "C" PRIMARY KEY NOT NULL,
        account_id TEXT COLLATE "C" NOT NULL,
        event_id TEXT COLLATE "C" NOT NULL,
        source TEXT COLLATE "C" NOT NULL CHECK (source IN ('tag', 'mention', 'comment-mention')),
        author TEXT NOT NULL,
        permalink TEXT,
        caption TEXT,
        media_type TEXT COLLATE "C",
        media_urls JSONB NOT NULL,
        posted_at TEXT COLLATE "C" NOT NULL,
        status TEXT COLLATE "C" NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'removed')),
        received_at TEXT COLLATE "C" NOT NULL,
        reviewed_at TEXT COLLATE "C"
      );
      CREATE INDEX tagged_candidates_event ON tagged_candidates (event_id, status, posted_at);
    `,
  },
];
