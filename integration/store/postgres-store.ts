import postgres, { type ISql, type Sql } from 'postgres';
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
import { applyPostgresMigrations } from './apply-postgres-migrations.ts';
import { StoreError } from './errors.ts';
import { messageOf } from './migration-checks.ts';
import {
  deleteExpired,
  deleteExpiring,
  deleteRateLimitHits,
  deleteReturningExpiring,
  selectExpiring,
  takeRateLimitHit,
  upsertExpiring,
} from './postgres-expiring-rows.ts';
import {
  claimJob,
  claimLapsedJobs,
  releaseJob,
  renewJobLease,
  saveHeldJob,
} from './postgres-job-lease-rows.ts';
import { ACQUIRE_LEASE, leaseParameters, RELEASE_LEASE } from './lease-rows.ts';
import * as outgoing from './postgres-outgoing-rows.ts';
import { describeDatabaseUrl } from './postgres-url.ts';
import { postgresTagged } from './tagged-rows.ts';
import {
  changeRebuildStatus,
  claimEvents,
  deleteDirtyAccounts,
  insertWebhookEvents,
  selectDirtyAccounts,
  selectEventSummary,
  selectRebuildStatus,
  selectUnprocessedEvents,
  updateEventProcessed,
  upsertDirtyAccount,
  upsertRebuildStatus,
} from './postgres-webhook-rows.ts';
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
  PublishJobFilter,
  RateLimitAttempt,
  StateStore,
  StoredPublishJob,
  StoredWebhookEvent,
  TaggedCandidate,
  TaggedCandidateFilter,
  TaggedCandidateStatus,
  TokenUpdate,
  WebhookEventSummary,
} from './types.ts';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (`DATABASE_URL`); `?sslmode=require` for TLS. */
  url: string;
  /** Encrypts tokens before they reach the database. */
  cipher: TokenCipher;
  /** Connections in this process's pool. Default 10. */
  maxConnections?: number;
}

/** Connects to PostgreSQL and brings the schema up to date; the same schema as the sqlite file. */
export async function openPostgresStore({
  url,
  cipher,
  maxConnections = 10,
}: PostgresStoreOptions): Promise<StateStore> {
  const where = describeDatabaseUrl(url);
  let sql: Sql | undefined;
  try {
    sql = postgres(url, {
      max: maxConnections,
      connect_timeout: 10,
      // `CREATE TABLE IF NOT EXISTS` reports a NOTICE each start: not worth a log line.
      onnotice: () => {},
      connection: { application_name: 'astro-instagram-sync' },
    });
    await applyPostgresMigrations(sql);
  } catch (error) {
    await sql?.end({ timeout: 1 }).catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      `Cannot open the state database at ${where}: ${messageOf(error)}. Check DATABASE_URL, and that the server is up and accepts this user.`,
      { cause: error },
    );
  }
  return new PostgresStateStore(sql, cipher);
}

const UPSERT_ACCOUNT = `
  INSERT INTO accounts (${ACCOUNT_COLUMNS.join(', ')})
  VALUES (${ACCOUNT_COLUMNS.map((_, index) => `$${index + 1}`).join(', ')})
  ON CONFLICT (user_id) DO UPDATE SET ${ACCOUNT_COLUMNS.slice(1)
    .map((column) => `${column} = excluded.${column}`)
    .join(', ')}`;

// One statement, so token and dates change together or not at all.
const UPDATE_TOKEN = `
  UPDATE accounts SET token_blob = $1, token_issued_at = $2, token_expires_at = $3, refreshed_at = $4
  WHERE user_id = $5`;

const UPDATE_USAGE = `
  UPDATE accounts SET usage_app_percent = $1, usage_business_percent = $2, usage_at = $3
  WHERE user_id = $4`;

// Documents go in as text and are cast: a string bound straight to a jsonb parameter would be
// stored as a JSON string. They come back parsed.
const INSERT_JOB = `
  INSERT INTO publish_jobs (id, idempotency_key, account_id, status, job, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING`;

type Parameter = string | number | null;

class PostgresStateStore implements StateStore {
  #sql: Sql | undefined;
  readonly #cipher: TokenCipher;

  constructor(sql: Sql, cipher: TokenCipher) {
    this.#sql = sql;
    this.#cipher = cipher;
  }

  async listAccounts(): Promise<ConnectedAccount[]> {
    const rows = await this.#run(
      'list the connected accounts',
      undefined,
      (sql) => sql`SELECT * FROM accounts ORDER BY connected_at, user_id`,
    );
    return rows.map((row) => accountFromRow(row, this.#cipher));
  }

  async getAccount(userId: string): Promise<ConnectedAccount | undefined> {
    checkUserId(userId);
    const [row] = await this.#run(
      'read',
      userId,
      (sql) => sql`SELECT * FROM accounts WHERE user_id = ${userId}`,
    );
    return row === undefined ? undefined : accountFromRow(row, this.#cipher);
  }

  async saveAccount(account: ConnectedAccount): Promise<void> {
    const parameters = accountParameters(account, this.#cipher);
    await this.#run('save', account.userId, (sql) => unsafe(sql, UPSERT_ACCOUNT, parameters));
  }

  async updateToken(userId: string, update: TokenUpdate): Promise<boolean> {
    checkUserId(userId);
    const parameters = tokenParameters(userId, update, this.#cipher);
    const result = await this.#run('update the token of', userId, (sql) =>
      unsafe(sql, UPDATE_TOKEN, [...parameters, userId]),
    );
    return result.count > 0;
  }

  async recordUsage(userId: string, usage: AccountUsage): Promise<void> {
    checkUserId(userId);
    const parameters = usageParameters(usage, userId);
    await this.#run('record the API usage of', userId, (sql) =>
      unsafe(sql, UPDATE_USAGE, [...parameters, userId]),
    );
  }

  async deleteAccount(userId: string): Promise<boolean> {
    checkUserId(userId);
    const result = await this.#run(
      'delete',
      userId,
      (sql) => sql`DELETE FROM accounts WHERE user_id = ${userId}`,
    );
    return result.count > 0;
  }

  /**
   * Re-encrypts, in one transaction, every token it can open; then, if some could not be
   * opened, throws a StoreError naming those accounts (the others stay rotated). The rows are
   * locked while it runs, so a token refreshed meanwhile by another instance is not overwritten.
   */
  async reencryptTokens(): Promise<number> {
    let changed = 0;
    let unreadable: string[] = [];
    await this.#run('re-encrypt the tokens of the connected accounts', undefined, (sql) =>
      sql.begin(async (tx) => {
        const rows = await tx`SELECT user_id, token_blob FROM accounts ORDER BY user_id FOR UPDATE`;
        const rotation = reencryptedTokens(rows, this.#cipher);
        for (const { userId, blob } of rotation.updates)
          await tx`UPDATE accounts SET token_blob = ${blob} WHERE user_id = ${userId}`;
        await outgoing.reencryptSecrets(tx, this.#cipher);
        changed = rotation.updates.length;
        unreadable = rotation.unreadable;
      }),
    );
    if (unreadable.length > 0) throw unreadableTokensError(changed, unreadable);
    return changed;
  }

  async createPublishJob<T extends StoredPublishJob>(
    job: T,
  ): Promise<{ job: T; created: boolean }> {
    const result = await this.#run('create a publish job for', job.accountId, (sql) =>
      unsafe(sql, INSERT_JOB, [
        job.id,
        job.idempotencyKey,
        job.accountId,
        job.status,
        JSON.stringify(job),
        job.createdAt,
        job.updatedAt,
      ]),
    );
    const [stored] = await this.#run(
      'read a publish job of',
      job.accountId,
      (sql) => sql`SELECT job FROM publish_jobs WHERE idempotency_key = ${job.idempotencyKey}`,
    );
    if (!stored) throw new StoreError(`Cannot read back publish job ${job.id} after saving it.`);
    return { job: stored.job as T, created: result.count > 0 };
  }

  async savePublishJob<T extends StoredPublishJob>(job: T, lease?: Lease): Promise<boolean> {
    return this.#run('save the publish job of', job.accountId, async (sql) => {
      if (lease) return saveHeldJob(sql, job, lease);
      const result = await unsafe(
        sql,
        'UPDATE publish_jobs SET status = $1, job = $2::text::jsonb, updated_at = $3 WHERE id = $4',
        [job.status, JSON.stringify(job), job.updatedAt, job.id],
      );
      return result.count > 0;
    });
  }

  async getPublishJob<T extends StoredPublishJob>(id: string): Promise<T | undefined> {
    const [row] = await this.#run(
      'read a publish job',
      undefined,
      (sql) => sql`SELECT job FROM publish_jobs WHERE id = ${id}`,
    );
    return row?.job as T | undefined;
  }

  async getPublishJobByKey<T extends StoredPublishJob>(
    idempotencyKey: string,
  ): Promise<T | undefined> {
    const [row] = await this.#run(
      'read a publish job',
      undefined,
      (sql) => sql`SELECT job FROM publish_jobs WHERE idempotency_key = ${idempotencyKey}`,
    );
    return row?.job as T | undefined;
  }

  async listPublishJobs<T extends StoredPublishJob>(filter: PublishJobFilter = {}): Promise<T[]> {
    const where: string[] = [];
    const values: Parameter[] = [];
    const bind = (condition: string, value: string) => {
      values.push(value);
      where.push(condition.replace('?', `$${values.length}`));
    };
    if (filter.status) bind('status = ?', filter.status);
    if (filter.composition) bind("job->>'composition' = ?", filter.composition);
    if (filter.createdSince) bind('created_at >= ?', filter.createdSince);
    values.push(filter.limit ?? 100);
    const query = `SELECT job FROM publish_jobs ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT $${values.length}`;
    const rows = await this.#run('list the publish jobs', undefined, (sql) =>
      unsafe(sql, query, values),
    );
    return rows.map((row) => row.job as T);
  }

  async claimPublishJob<T extends StoredPublishJob>(
    id: string,
    lease: Lease,
  ): Promise<T | undefined> {
    return this.#run('claim a publish job', undefined, (sql) => claimJob<T>(sql, id, lease));
  }

  async claimLapsedPublishJobs<T extends StoredPublishJob>(lease: Lease, limit = 20): Promise<T[]> {
    return this.#run('claim the publish jobs left by a stopped server', undefined, (sql) =>
      claimLapsedJobs<T>(sql, lease, limit),
    );
  }

  async renewPublishJobLease(id: string, lease: Lease): Promise<boolean> {
    return this.#run('renew the lease of a publish job', undefined, (sql) =>
      renewJobLease(sql, id, lease),
    );
  }

  async releasePublishJob(id: string, owner: string): Promise<void> {
    await this.#run('release a publish job', undefined, (sql) => releaseJob(sql, id, owner));
  }

  async addWebhookEvents(events: StoredWebhookEvent[]): Promise<StoredWebhookEvent[]> {
    return this.#run('store webhook events', undefined, (sql) => insertWebhookEvents(sql, events));
  }

  async unprocessedWebhookEvents(limit = 500): Promise<StoredWebhookEvent[]> {
    return this.#run('list the unprocessed webhook events', undefined, (sql) =>
      selectUnprocessedEvents(sql, limit),
    );
  }

  async claimWebhookEvents(claim: Lease, limit = 50): Promise<StoredWebhookEvent[]> {
    return this.#run('claim webhook events', undefined, (sql) => claimEvents(sql, claim, limit));
  }

  async markWebhookEventProcessed(dedupKey: string, effect: string, at: string): Promise<void> {
    await this.#run('mark a webhook event processed', undefined, (sql) =>
      updateEventProcessed(sql, dedupKey, effect, at),
    );
  }

  async webhookEventSummary(): Promise<WebhookEventSummary> {
    return this.#run('count the webhook events', undefined, selectEventSummary);
  }

  async markAccountDirty(accountId: string, reason: string, at: string): Promise<void> {
    await this.#run('mark as changed', accountId, (sql) =>
      upsertDirtyAccount(sql, accountId, reason, at),
    );
  }

  async dirtyAccounts(): Promise<DirtyAccount[]> {
    return this.#run('list the changed accounts', undefined, selectDirtyAccounts);
  }

  async clearDirtyAccounts(upTo: string): Promise<void> {
    await this.#run('clear the changed accounts', undefined, (sql) =>
      deleteDirtyAccounts(sql, upTo),
    );
  }

  async getRebuildStatus<T extends object>(): Promise<T | undefined> {
    return this.#run('read the rebuild status', undefined, (sql) => selectRebuildStatus<T>(sql));
  }

  async saveRebuildStatus(status: object): Promise<void> {
    await this.#run('save the rebuild status', undefined, (sql) =>
      upsertRebuildStatus(sql, status),
    );
  }

  async putExpiring(scope: string, key: string, value: unknown, expiresAt: string): Promise<void> {
    await this.#run(`store the ${scope}`, undefined, (sql) =>
      upsertExpiring(sql, scope, key, value, expiresAt),
    );
  }

  async getExpiring<T>(scope: string, key: string, now: string): Promise<T | undefined> {
    return this.#run(`read the ${scope}`, undefined, (sql) =>
      selectExpiring<T>(sql, scope, key, now),
    );
  }

  async takeExpiring<T>(scope: string, key: string, now: string): Promise<T | undefined> {
    return this.#run(`take the ${scope}`, undefined, (sql) =>
      deleteReturningExpiring<T>(sql, scope, key, now),
    );
  }

  async deleteExpiring(scope: string, key: string): Promise<void> {
    await this.#run(`delete the ${scope}`, undefined, (sql) => deleteExpiring(sql, scope, key));
  }

  async takeRateLimit(attempt: RateLimitAttempt): Promise<number> {
    return this.#run(`count an attempt against the ${attempt.limit} limit`, undefined, (sql) =>
      takeRateLimitHit(sql, attempt),
    );
  }

  async clearRateLimit(limit: string, client: string): Promise<void> {
    await this.#run(`clear the ${limit} limit`, undefined, (sql) =>
      deleteRateLimitHits(sql, limit, client),
    );
  }

  async pruneExpired(now: string): Promise<number> {
    return this.#run('delete expired values and rate-limit hits', undefined, (sql) =>
      deleteExpired(sql, now),
    );
  }

  async updateRebuildStatus<T extends object>(change: (current: T | undefined) => T): Promise<T> {
    return this.#run('update the rebuild status', undefined, (sql) =>
      changeRebuildStatus(sql, change),
    );
  }

  async acquireLease(
    name: string,
    holder: string,
    ttlMs: number,
    now = Date.now(),
  ): Promise<boolean> {
    const parameters = leaseParameters(name, holder, ttlMs, now);
    const result = await this.#run(`take the lease "${name}"`, undefined, (sql) =>
      unsafe(sql, ACQUIRE_LEASE, parameters),
    );
    return result.count > 0;
  }

  async releaseLease(name: string, holder: string): Promise<boolean> {
    const result = await this.#run(`release the lease "${name}"`, undefined, (sql) =>
      unsafe(sql, RELEASE_LEASE, [name, holder]),
    );
    return result.count > 0;
  }

  async addOutgoingEndpoint(endpoint: OutgoingEndpoint): Promise<void> {
    await this.#run('add a webhook endpoint', undefined, (sql) =>
      outgoing.insertEndpoint(sql, endpoint, this.#cipher),
    );
  }

  async listOutgoingEndpoints(): Promise<OutgoingEndpoint[]> {
    return this.#run('list the webhook endpoints', undefined, (sql) =>
      outgoing.selectEndpoints(sql, this.#cipher),
    );
  }

  async getOutgoingEndpoint(id: string): Promise<OutgoingEndpoint | undefined> {
    return this.#run('read a webhook endpoint', undefined, (sql) =>
      outgoing.selectEndpoint(sql, id, this.#cipher),
    );
  }

  async deleteOutgoingEndpoint(id: string): Promise<boolean> {
    return this.#run('delete a webhook endpoint', undefined, (sql) =>
      outgoing.deleteEndpoint(sql, id),
    );
  }

  async rotateOutgoingSecret(id: string, secret: string, previousUntil: string): Promise<boolean> {
    return this.#run('rotate the secret of a webhook endpoint', undefined, (sql) =>
      outgoing.rotateSecret(sql, id, secret, previousUntil, this.#cipher),
    );
  }

  async enqueueOutgoing(message: OutgoingMessage, at: string, retryUntil: string): Promise<number> {
    return this.#run(`queue the ${message.type} webhook`, undefined, (sql) =>
      outgoing.enqueue(sql, message, at, retryUntil),
    );
  }

  async claimOutgoingDeliveries(claim: Lease, limit = 20): Promise<OutgoingDelivery[]> {
    return this.#run('claim webhook deliveries', undefined, (sql) =>
      outgoing.claimDeliveries(sql, claim, limit),
    );
  }

  async finishOutgoingAttempt(
    seq: number,
    owner: string,
    attempt: OutgoingAttempt,
  ): Promise<boolean> {
    return this.#run('record a webhook delivery attempt', undefined, (sql) =>
      outgoing.finishAttempt(sql, seq, owner, attempt),
    );
  }

  async listOutgoingDeliveries(
    filter: { endpointId?: string; limit?: number } = {},
  ): Promise<OutgoingDelivery[]> {
    return this.#run('list the webhook deliveries', undefined, (sql) =>
      outgoing.selectDeliveries(sql, filter),
    );
  }

  async replayOutgoingDelivery(seq: number, at: string, retryUntil: string): Promise<boolean> {
    return this.#run('replay a webhook delivery', undefined, (sql) =>
      outgoing.replayDelivery(sql, seq, at, retryUntil),
    );
  }

  async pruneOutgoingDeliveries(before: string): Promise<number> {
    return this.#run('delete old webhook deliveries', undefined, (sql) =>
      outgoing.pruneDeliveries(sql, before),
    );
  }

  async addTaggedCandidate(candidate: TaggedCandidate): Promise<boolean> {
    return this.#run('store a tagged post', undefined, (sql) =>
      postgresTagged.insert(sql, candidate),
    );
  }

  async listTaggedCandidates(filter: TaggedCandidateFilter = {}): Promise<TaggedCandidate[]> {
    return this.#run('list the tagged posts', undefined, (sql) =>
      postgresTagged.select(sql, filter),
    );
  }

  async getTaggedCandidate(mediaId: string): Promise<TaggedCandidate | undefined> {
    return this.#run('read a tagged post', undefined, (sql) => postgresTagged.get(sql, mediaId));
  }

  async setTaggedCandidateStatus(
    mediaId: string,
    status: TaggedCandidateStatus,
    from: readonly TaggedCandidateStatus[],
    at: string,
  ): Promise<boolean> {
    return this.#run(`mark a tagged post ${status}`, undefined, (sql) =>
      postgresTagged.setStatus(sql, mediaId, status, from, at),
    );
  }

  async close(): Promise<void> {
    const sql = this.#sql;
    this.#sql = undefined;
    await sql?.end({ timeout: 5 });
  }

  // PostgreSQL's messages name tables and constraints; the values are in `detail`, which is not
  // passed on, so a token never reaches a log through here.
  async #run<T>(
    what: string,
    userId: string | undefined,
    work: (sql: Sql) => Promise<T>,
  ): Promise<T> {
    const sql = this.#sql;
    if (sql === undefined)
      throw new StoreError('The state store is closed: open a new one with openStateStore().');
    try {
      return await work(sql);
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

// Prepared on the server: these strings are constants (the publish-job filter has a few shapes).
function unsafe(sql: ISql, query: string, parameters: Parameter[]) {
  return sql.unsafe(query, parameters, { prepare: true });
}
