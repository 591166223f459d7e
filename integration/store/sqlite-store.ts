import type { DatabaseSync } from 'node:sqlite';
import {
  ACCOUNT_COLUMNS,
  accountFromRow,
  accountParameters,
  checkUserId,
  reencryptedTokens,
  tokenParameters,
  unreadableTokensError,
  usageParameters,
} from './account-row.ts';
import { applyMigrations } from './apply-migrations.ts';
import { StoreError } from './errors.ts';
import {
  deleteExpired,
  deleteExpiring,
  deleteRateLimitHits,
  deleteReturningExpiring,
  selectExpiring,
  takeRateLimitHit,
  upsertExpiring,
} from './expiring-rows.ts';
import {
  claimJob,
  claimLapsedJobs,
  releaseJob,
  renewJobLease,
  saveHeldJob,
} from './job-lease-rows.ts';
import { acquireLeaseRow, leaseParameters, releaseLeaseRow } from './lease-rows.ts';
import { inTransaction, openDatabase } from './sqlite-database.ts';
import * as outgoing from './sqlite-outgoing-rows.ts';
import { sqliteTagged } from './tagged-rows.ts';
import type { TokenCipher } from './token-cipher.ts';
import type {
  AccountUsage,
  ConnectedAccount,
  DirtyAccount,
  Lease,
  OutgoingAttempt,
  OutgoingDelivery,
  OutgoingEndpoint,
  OutgoingMessage,
  StateStore,
  PublishJobFilter,
  RateLimitAttempt,
  StoredPublishJob,
  StoredWebhookEvent,
  TaggedCandidate,
  TaggedCandidateFilter,
  TaggedCandidateStatus,
  TokenUpdate,
  WebhookEventSummary,
} from './types.ts';
import {
  claimEvents,
  changeRebuildStatus,
  deleteDirtyAccounts,
  insertWebhookEvents,
  selectDirtyAccounts,
  selectEventSummary,
  selectRebuildStatus,
  selectUnprocessedEvents,
  updateEventProcessed,
  upsertDirtyAccount,
  upsertRebuildStatus,
} from './webhook-rows.ts';

export interface SqliteStoreOptions {
  /** The database file, created with its folder on first start (the caller's default: `.data/state.db`, or `STATE_DB_PATH`). */
  path: string;
  /** Encrypts tokens before they reach the file. */
  cipher: TokenCipher;
}

/** Opens the sqlite state store and brings its schema up to date. */
export async function openSqliteStore({ path, cipher }: SqliteStoreOptions): Promise<StateStore> {
  let db: DatabaseSync | undefined;
  try {
    db = openDatabase(path);
    applyMigrations(db);
  } catch (error) {
    db?.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      `Cannot open the state database at ${path}: ${messageOf(error)}. Check that STATE_DB_PATH names a writable sqlite file.`,
      { cause: error },
    );
  }
  return new SqliteStateStore(db, cipher);
}

const UPSERT_ACCOUNT = `
  INSERT INTO accounts (${ACCOUNT_COLUMNS.join(', ')}) VALUES (${ACCOUNT_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (user_id) DO UPDATE SET ${ACCOUNT_COLUMNS.slice(1)
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}`;

// One statement, so token and dates change together or not at all.
const UPDATE_TOKEN = `
  UPDATE accounts SET token_blob = ?, token_issued_at = ?, token_expires_at = ?, refreshed_at = ?
  WHERE user_id = ?`;

const INSERT_JOB = `
  INSERT INTO publish_jobs (id, idempotency_key, account_id, status, job, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`;

const UPDATE_USAGE =
  'UPDATE accounts SET usage_app_percent = ?, usage_business_percent = ?, usage_at = ? WHERE user_id = ?';

class SqliteStateStore implements StateStore {
  #db: DatabaseSync | undefined;
  readonly #cipher: TokenCipher;

  constructor(db: DatabaseSync, cipher: TokenCipher) {
    this.#db = db;
    this.#cipher = cipher;
  }

  async listAccounts(): Promise<ConnectedAccount[]> {
    const rows = this.#run('list the connected accounts', undefined, (db) =>
      db.prepare('SELECT * FROM accounts ORDER BY connected_at, user_id').all(),
    );
    return rows.map((row) => accountFromRow(row, this.#cipher));
  }

  async getAccount(userId: string): Promise<ConnectedAccount | undefined> {
    checkUserId(userId);
    const row = this.#run('read', userId, (db) =>
      db.prepare('SELECT * FROM accounts WHERE user_id = ?').get(userId),
    );
    return row === undefined ? undefined : accountFromRow(row, this.#cipher);
  }

  // An upsert rather than REPLACE: REPLACE deletes first, which would cascade to rows of other
  // tables that reference the account.
  async saveAccount(account: ConnectedAccount): Promise<void> {
    const parameters = accountParameters(account, this.#cipher);
    this.#run('save', account.userId, (db) => db.prepare(UPSERT_ACCOUNT).run(...parameters));
  }

  async updateToken(userId: string, update: TokenUpdate): Promise<boolean> {
    checkUserId(userId);
    const parameters = tokenParameters(userId, update, this.#cipher);
    const result = this.#run('update the token of', userId, (db) =>
      db.prepare(UPDATE_TOKEN).run(...parameters, userId),
    );
    return result.changes > 0;
  }

  async recordUsage(userId: string, usage: AccountUsage): Promise<void> {
    checkUserId(userId);
    const parameters = usageParameters(usage, userId);
    this.#run('record the API usage of', userId, (db) =>
      db.prepare(UPDATE_USAGE).run(...parameters, userId),
    );
  }

  async deleteAccount(userId: string): Promise<boolean> {
    checkUserId(userId);
    const result = this.#run('delete', userId, (db) =>
      db.prepare('DELETE FROM accounts WHERE user_id = ?').run(userId),
    );
    return result.changes > 0;
  }

  /**
   * Re-encrypts, in one transaction, every token it can open; then, if some could not be
   * opened, throws a StoreError naming those accounts (the others stay rotated).
   */
  async reencryptTokens(): Promise<number> {
    const { changed, unreadable } = this.#run(
      're-encrypt the tokens of the connected accounts',
      undefined,
      (db) => inTransaction(db, () => this.#reencryptAll(db)),
    );
    if (unreadable.length > 0) throw unreadableTokensError(changed, unreadable);
    return changed;
  }

  async createPublishJob<T extends StoredPublishJob>(
    job: T,
  ): Promise<{ job: T; created: boolean }> {
    const result = this.#run('create a publish job for', job.accountId, (db) =>
      db
        .prepare(INSERT_JOB)
        .run(
          job.id,
          job.idempotencyKey,
          job.accountId,
          job.status,
          JSON.stringify(job),
          job.createdAt,
          job.updatedAt,
        ),
    );
    const stored = this.#run('read a publish job of', job.accountId, (db) =>
      db.prepare('SELECT job FROM publish_jobs WHERE idempotency_key = ?').get(job.idempotencyKey),
    );
    if (!stored) throw new StoreError(`Cannot read back publish job ${job.id} after saving it.`);
    return { job: JSON.parse(String(stored.job)) as T, created: result.changes > 0 };
  }

  async savePublishJob<T extends StoredPublishJob>(job: T, lease?: Lease): Promise<boolean> {
    return this.#run('save the publish job of', job.accountId, (db) =>
      lease
        ? saveHeldJob(db, job, lease)
        : db
            .prepare('UPDATE publish_jobs SET status = ?, job = ?, updated_at = ? WHERE id = ?')
            .run(job.status, JSON.stringify(job), job.updatedAt, job.id).changes > 0,
    );
  }

  async getPublishJob<T extends StoredPublishJob>(id: string): Promise<T | undefined> {
    const row = this.#run('read a publish job', undefined, (db) =>
      db.prepare('SELECT job FROM publish_jobs WHERE id = ?').get(id),
    );
    return row === undefined ? undefined : (JSON.parse(String(row.job)) as T);
  }

  async getPublishJobByKey<T extends StoredPublishJob>(
    idempotencyKey: string,
  ): Promise<T | undefined> {
    const row = this.#run('read a publish job', undefined, (db) =>
      db.prepare('SELECT job FROM publish_jobs WHERE idempotency_key = ?').get(idempotencyKey),
    );
    return row === undefined ? undefined : (JSON.parse(String(row.job)) as T);
  }

  async listPublishJobs<T extends StoredPublishJob>(filter: PublishJobFilter = {}): Promise<T[]> {
    const where: string[] = [];
    const values: string[] = [];
    if (filter.status) {
      where.push('status = ?');
      values.push(filter.status);
    }
    if (filter.composition) {
      where.push("json_extract(job, '$.composition') = ?");
      values.push(filter.composition);
    }
    if (filter.createdSince) {
      where.push('created_at >= ?');
      values.push(filter.createdSince);
    }
    const sql = `SELECT job FROM publish_jobs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT ?`;
    const rows = this.#run('list the publish jobs', undefined, (db) =>
      db.prepare(sql).all(...values, filter.limit ?? 100),
    );
    return rows.map((row) => JSON.parse(String(row.job)) as T);
  }

  async claimPublishJob<T extends StoredPublishJob>(
    id: string,
    lease: Lease,
  ): Promise<T | undefined> {
    return this.#run('claim a publish job', undefined, (db) => claimJob<T>(db, id, lease));
  }

  async claimLapsedPublishJobs<T extends StoredPublishJob>(lease: Lease, limit = 20): Promise<T[]> {
    return this.#run('claim the publish jobs left by a stopped server', undefined, (db) =>
      claimLapsedJobs<T>(db, lease, limit),
    );
  }

  async renewPublishJobLease(id: string, lease: Lease): Promise<boolean> {
    return this.#run('renew the lease of a publish job', undefined, (db) =>
      renewJobLease(db, id, lease),
    );
  }

  async releasePublishJob(id: string, owner: string): Promise<void> {
    this.#run('release a publish job', undefined, (db) => releaseJob(db, id, owner));
  }

  async addWebhookEvents(events: StoredWebhookEvent[]): Promise<StoredWebhookEvent[]> {
    return this.#run('store webhook events', undefined, (db) => insertWebhookEvents(db, events));
  }

  async unprocessedWebhookEvents(limit = 500): Promise<StoredWebhookEvent[]> {
    return this.#run('list the unprocessed webhook events', undefined, (db) =>
      selectUnprocessedEvents(db, limit),
    );
  }

  async claimWebhookEvents(claim: Lease, limit = 50): Promise<StoredWebhookEvent[]> {
    return this.#run('claim webhook events', undefined, (db) => claimEvents(db, claim, limit));
  }

  async markWebhookEventProcessed(dedupKey: string, effect: string, at: string): Promise<void> {
    this.#run('mark a webhook event processed', undefined, (db) =>
      updateEventProcessed(db, dedupKey, effect, at),
    );
  }

  async webhookEventSummary(): Promise<WebhookEventSummary> {
    return this.#run('count the webhook events', undefined, selectEventSummary);
  }

  async markAccountDirty(accountId: string, reason: string, at: string): Promise<void> {
    this.#run('mark as changed', accountId, (db) => upsertDirtyAccount(db, accountId, reason, at));
  }

  async dirtyAccounts(): Promise<DirtyAccount[]> {
    return this.#run('list the changed accounts', undefined, selectDirtyAccounts);
  }

  async clearDirtyAccounts(upTo: string): Promise<void> {
    this.#run('clear the changed accounts', undefined, (db) => deleteDirtyAccounts(db, upTo));
  }

  async getRebuildStatus<T extends object>(): Promise<T | undefined> {
    return this.#run('read the rebuild status', undefined, (db) => selectRebuildStatus<T>(db));
  }

  async saveRebuildStatus(status: object): Promise<void> {
    this.#run('save the rebuild status', undefined, (db) => upsertRebuildStatus(db, status));
  }

  async putExpiring(scope: string, key: string, value: unknown, expiresAt: string): Promise<void> {
    this.#run(`store the ${scope}`, undefined, (db) =>
      upsertExpiring(db, scope, key, value, expiresAt),
    );
  }

  async getExpiring<T>(scope: string, key: string, now: string): Promise<T | undefined> {
    return this.#run(`read the ${scope}`, undefined, (db) =>
      selectExpiring<T>(db, scope, key, now),
    );
  }

  async takeExpiring<T>(scope: string, key: string, now: string): Promise<T | undefined> {
    return this.#run(`take the ${scope}`, undefined, (db) =>
      deleteReturningExpiring<T>(db, scope, key, now),
    );
  }

  async deleteExpiring(scope: string, key: string): Promise<void> {
    this.#run(`delete the ${scope}`, undefined, (db) => deleteExpiring(db, scope, key));
  }

  async takeRateLimit(attempt: RateLimitAttempt): Promise<number> {
    return this.#run(`count an attempt against the ${attempt.limit} limit`, undefined, (db) =>
      takeRateLimitHit(db, attempt),
    );
  }

  async clearRateLimit(limit: string, client: string): Promise<void> {
    this.#run(`clear the ${limit} limit`, undefined, (db) =>
      deleteRateLimitHits(db, limit, client),
    );
  }

  async pruneExpired(now: string): Promise<number> {
    return this.#run('delete expired values and rate-limit hits', undefined, (db) =>
      deleteExpired(db, now),
    );
  }

  async updateRebuildStatus<T extends object>(change: (current: T | undefined) => T): Promise<T> {
    return this.#run('update the rebuild status', undefined, (db) =>
      changeRebuildStatus(db, change),
    );
  }

  async acquireLease(
    name: string,
    holder: string,
    ttlMs: number,
    now = Date.now(),
  ): Promise<boolean> {
    const parameters = leaseParameters(name, holder, ttlMs, now);
    return this.#run(`take the lease "${name}"`, undefined, (db) =>
      acquireLeaseRow(db, parameters),
    );
  }

  async releaseLease(name: string, holder: string): Promise<boolean> {
    return this.#run(`release the lease "${name}"`, undefined, (db) =>
      releaseLeaseRow(db, name, holder),
    );
  }

  async addOutgoingEndpoint(endpoint: OutgoingEndpoint): Promise<void> {
    this.#run('add a webhook endpoint', undefined, (db) =>
      outgoing.insertEndpoint(db, endpoint, this.#cipher),
    );
  }

  async listOutgoingEndpoints(): Promise<OutgoingEndpoint[]> {
    return this.#run('list the webhook endpoints', undefined, (db) =>
      outgoing.selectEndpoints(db, this.#cipher),
    );
  }

  async getOutgoingEndpoint(id: string): Promise<OutgoingEndpoint | undefined> {
    return this.#run('read a webhook endpoint', undefined, (db) =>
      outgoing.selectEndpoint(db, id, this.#cipher),
    );
  }

  async deleteOutgoingEndpoint(id: string): Promise<boolean> {
    return this.#run('delete a webhook endpoint', undefined, (db) =>
      outgoing.deleteEndpoint(db, id),
    );
  }

  async rotateOutgoingSecret(id: string, secret: string, previousUntil: string): Promise<boolean> {
    return this.#run('rotate the secret of a webhook endpoint', undefined, (db) =>
      outgoing.rotateSecret(db, id, secret, previousUntil, this.#cipher),
    );
  }

  async enqueueOutgoing(message: OutgoingMessage, at: string, retryUntil: string): Promise<number> {
    return this.#run(`queue the ${message.type} webhook`, undefined, (db) =>
      outgoing.enqueue(db, message, at, retryUntil),
    );
  }

  async claimOutgoingDeliveries(claim: Lease, limit = 20): Promise<OutgoingDelivery[]> {
    return this.#run('claim webhook deliveries', undefined, (db) =>
      outgoing.claimDeliveries(db, claim, limit),
    );
  }

  async finishOutgoingAttempt(
    seq: number,
    owner: string,
    attempt: OutgoingAttempt,
  ): Promise<boolean> {
    return this.#run('record a webhook delivery attempt', undefined, (db) =>
      outgoing.finishAttempt(db, seq, owner, attempt),
    );
  }

  async listOutgoingDeliveries(
    filter: { endpointId?: string; limit?: number } = {},
  ): Promise<OutgoingDelivery[]> {
    return this.#run('list the webhook deliveries', undefined, (db) =>
      outgoing.selectDeliveries(db, filter),
    );
  }

  async replayOutgoingDelivery(seq: number, at: string, retryUntil: string): Promise<boolean> {
    return this.#run('replay a webhook delivery', undefined, (db) =>
      outgoing.replayDelivery(db, seq, at, retryUntil),
    );
  }

  async pruneOutgoingDeliveries(before: string): Promise<number> {
    return this.#run('delete old webhook deliveries', undefined, (db) =>
      outgoing.pruneDeliveries(db, before),
    );
  }

  async addTaggedCandidate(candidate: TaggedCandidate): Promise<boolean> {
    return this.#run('store a tagged post', undefined, (db) => sqliteTagged.insert(db, candidate));
  }

  async listTaggedCandidates(filter: TaggedCandidateFilter = {}): Promise<TaggedCandidate[]> {
    return this.#run('list the tagged posts', undefined, (db) => sqliteTagged.select(db, filter));
  }

  async getTaggedCandidate(mediaId: string): Promise<TaggedCandidate | undefined> {
    return this.#run('read a tagged post', undefined, (db) => sqliteTagged.get(db, mediaId));
  }

  async setTaggedCandidateStatus(
    mediaId: string,
    status: TaggedCandidateStatus,
    from: readonly TaggedCandidateStatus[],
    at: string,
  ): Promise<boolean> {
    return this.#run(`mark a tagged post ${status}`, undefined, (db) =>
      sqliteTagged.setStatus(db, mediaId, status, from, at),
    );
  }

  async close(): Promise<void> {
    this.#db?.close();
    this.#db = undefined;
  }

  #reencryptAll(db: DatabaseSync): { changed: number; unreadable: string[] } {
    const rows = db.prepare('SELECT user_id, token_blob FROM accounts ORDER BY user_id').all();
    const { updates, unreadable } = reencryptedTokens(rows, this.#cipher);
    const update = db.prepare('UPDATE accounts SET token_blob = ? WHERE user_id = ?');
    for (const { userId, blob } of updates) update.run(blob, userId);
    outgoing.reencryptSecrets(db, this.#cipher);
    return { changed: updates.length, unreadable };
  }

  // sqlite messages name tables and constraints, never bound values, so they are safe to pass on.
  #run<T>(what: string, userId: string | undefined, work: (db: DatabaseSync) => T): T {
    const db = this.#db;
    if (db === undefined)
      throw new StoreError('The state store is closed: open a new one with openStateStore().');
    try {
      return work(db);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      const subject = userId === undefined ? '' : ` Instagram account ${userId}`;
      throw new StoreError(`Cannot ${what}${subject}: ${messageOf(error)}.`, {
        userId,
        cause: error,
      });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
