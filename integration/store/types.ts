/** Graph API usage as last reported for an account (`X-App-Usage` / `X-Business-Use-Case-Usage`). */
export interface AccountUsage {
  appPercent: number | null;
  businessPercent: number | null;
  /** ISO: when the usage was reported. */
  at: string;
}

/** How an account was connected: Instagram Login (graph.instagram.com) or Facebook Login (graph.facebook.com). */
export type LoginFlavour = 'instagram' | 'facebook';

/** An Instagram professional account whose token the server holds. */
export interface ConnectedAccount {
  /** IG professional account id, always a string (17+ digits). */
  userId: string;
  username: string;
  /** 'BUSINESS' | 'MEDIA_CREATOR' */
  accountType?: string;
  scopes: string[];
  /** Plaintext in memory only; encrypted at rest. */
  token: string;
  /** ISO: when this token was obtained (a refresh needs it at least 24 h old). */
  tokenIssuedAt: string;
  /** ISO */
  tokenExpiresAt: string | null;
  /** ISO: last successful refresh. */
  refreshedAt: string | null;
  /** ISO */
  connectedAt: string;
  /** How the token got into the store. */
  source: 'oauth' | 'cli';
  lastUsage?: AccountUsage;
  /**
   * `facebook`: connected through Facebook Login; its token is a Facebook Page token, read on
   * graph.facebook.com. Absent: Instagram Login (every account connected before Facebook Login).
   */
  loginFlavour?: LoginFlavour;
}

/** What the store needs to know of a publish job; the rest of it is kept as it is. */
export interface StoredPublishJob {
  id: string;
  idempotencyKey: string;
  accountId: string;
  status: 'queued' | 'running' | 'published' | 'failed';
  createdAt: string;
  updatedAt: string;
}

/** Which publish jobs to list; every field given must match. */
export interface PublishJobFilter {
  status?: StoredPublishJob['status'];
  /** The job's `composition` (a hash of what it posts). */
  composition?: string;
  /** ISO: created at or after. */
  createdSince?: string;
  /** Default 100. */
  limit?: number;
}

/**
 * An instance's (one server process's) hold on a publish job or on webhook events: it works on
 * them until `until`, renewing while it works; once that time has passed, another instance may
 * take them over. Times are the caller's clock, so instances' clocks must agree to well within
 * a lease (NTP does).
 */
export interface Lease {
  /** The instance holding it: unique per process (see `newInstanceId`). */
  owner: string;
  /** ISO: the caller's now. A lease whose `until` is at or before it has lapsed. */
  now: string;
  /** ISO: when it lapses unless renewed. */
  until: string;
}

/** A refreshed token and its dates, written together. */
export interface TokenUpdate {
  token: string;
  tokenIssuedAt: string;
  tokenExpiresAt: string | null;
  refreshedAt: string;
}

/** One change of a webhook delivery, as stored (see `integration/webhooks/dedup-key.ts`). */
export interface StoredWebhookEvent {
  /** Stable across Meta's redeliveries of the same change. */
  dedupKey: string;
  /** `instagram` */
  object: string;
  /** The entry's id: the IG professional account the change is about. */
  accountId: string;
  field: string;
  /** The change's `value` (or the messaging item) as Meta sent it, and the entry's `time`. */
  payload: { time?: number; value: unknown };
  /** ISO */
  receivedAt: string;
  /** ISO; absent until the event's effects ran. */
  processedAt?: string;
  /** What processing did, e.g. `rebuild` or `ignored`. */
  effect?: string;
}

/** Counts for /admin. */
export interface WebhookEventSummary {
  total: number;
  unprocessed: number;
  lastReceivedAt?: string;
}

/** An account whose Instagram data changed since the last rebuild was triggered. */
export interface DirtyAccount {
  accountId: string;
  /** ISO: the first change not yet rebuilt. */
  since: string;
  reason: string;
}

/**
 * One attempt against a sliding-window rate limit: at most `max` counted hits of `limit` per
 * `client` within `windowMs`, however many server instances the attempts reach.
 */
export interface RateLimitAttempt {
  /** Which limit, e.g. `guest-upload` or `admin-login`. */
  limit: string;
  /** Whom it limits, e.g. a client address. */
  client: string;
  max: number;
  windowMs: number;
  /** ISO: when the attempt is made. */
  at: string;
}

/** A receiver of the site's outgoing webhooks (Standard Webhooks), as the store keeps it. */
export interface OutgoingEndpoint {
  /** `ep_…` */
  id: string;
  url: string;
  /** The event types it receives, e.g. `post.published`. */
  events: string[];
  /** `whsec_…`: plaintext in memory only; encrypted at rest. */
  secret: string;
  /** The secret before the last rotation, still signed with until `previousSecretUntil`. */
  previousSecret?: string;
  /** ISO */
  previousSecretUntil?: string;
  /** ISO */
  createdAt: string;
}

/** One event for the endpoints subscribed to its type: `{ type, timestamp, data }` on the wire. */
export interface OutgoingMessage {
  /** The `webhook-id`; the same event given twice (same id) is stored once per endpoint. */
  id: string;
  type: string;
  /** ISO: when it happened. */
  timestamp: string;
  data: Record<string, unknown>;
}

export type OutgoingDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One message to one endpoint, sent in order of `seq` among the endpoint's deliveries. */
export interface OutgoingDelivery {
  /** Store-wide, increasing in the order deliveries were stored. */
  seq: number;
  endpointId: string;
  message: OutgoingMessage;
  status: OutgoingDeliveryStatus;
  attempts: number;
  /** ISO: when it is tried next (pending). */
  nextAttemptAt: string;
  /** ISO: after a failed attempt past this, the delivery is marked failed. */
  retryUntil: string;
  /** ISO */
  lastAttemptAt?: string;
  /** The receiver's HTTP status on the last attempt. */
  lastResponseCode?: number;
  /** Why the last attempt failed (no secret in it). */
  lastError?: string;
  /** ISO */
  deliveredAt?: string;
}

/** What an attempt came to, written only while the caller still holds the delivery's claim. */
export interface OutgoingAttempt {
  status: OutgoingDeliveryStatus;
  /** ISO */
  at: string;
  responseCode?: number;
  error?: string;
  /** ISO: when to try again (status pending). */
  nextAttemptAt?: string;
}

/** Where a guest's post came from: a tag on it, a mention in its caption, or in a comment. */
export type TaggedCandidateSource = 'tag' | 'mention' | 'comment-mention';

/** `pending` until reviewed; `removed` is the takedown of an approved one. */
export type TaggedCandidateStatus = 'pending' | 'approved' | 'rejected' | 'removed';

/** A guest's post that tags or mentions the account: shown in a gallery only once approved. */
export interface TaggedCandidate {
  /** The guest's media id: one candidate per post, however many notifications name it. */
  mediaId: string;
  /** The account tagged or mentioned. */
  accountId: string;
  /** The event whose window the post falls in. */
  eventId: string;
  source: TaggedCandidateSource;
  /** The post's author (or the commenter, when the post could not be read), without `@`. */
  author: string;
  permalink?: string;
  caption?: string;
  /** `IMAGE`, `VIDEO`, `CAROUSEL_ALBUM`, when known. */
  mediaType?: string;
  /** The pictures to re-host (Instagram CDN URLs: they expire, so the build copies them). */
  mediaUrls: string[];
  /** ISO: when the post was made (or, when unknown, when the notification was sent). */
  postedAt: string;
  status: TaggedCandidateStatus;
  /** ISO */
  receivedAt: string;
  /** ISO: the last status change. */
  reviewedAt?: string;
}

/** Which candidates to list; every field given must match. */
export interface TaggedCandidateFilter {
  eventId?: string;
  status?: TaggedCandidateStatus[];
}

/**
 * The server's state. Every backend (sqlite file, a shared Postgres…) implements this;
 * callers depend on nothing else. Timestamps are stored as `Date#toISOString()`.
 */
export interface StateStore {
  /** Ordered by `connectedAt`, oldest first. */
  listAccounts(): Promise<ConnectedAccount[]>;
  getAccount(userId: string): Promise<ConnectedAccount | undefined>;
  /** Inserts, or replaces every field of an account already there (reconnect). */
  saveAccount(account: ConnectedAccount): Promise<void>;
  /** Replaces token, issued/expiry and refreshedAt in one transaction; false when the account is gone. */
  updateToken(userId: string, update: TokenUpdate): Promise<boolean>;
  /** Does nothing when the account is gone (disconnected while its request was in flight). */
  recordUsage(userId: string, usage: AccountUsage): Promise<void>;
  /** Removes the row, token included; false when there was none. */
  deleteAccount(userId: string): Promise<boolean>;
  /**
   * Rewrites every token not yet under the current key; returns how many changed.
   * Run at start, so a key rotation completes by itself.
   */
  reencryptTokens(): Promise<number>;
  /** Inserts the job unless one with its idempotency key exists; returns the stored one either way. */
  createPublishJob<T extends StoredPublishJob>(job: T): Promise<{ job: T; created: boolean }>;
  /**
   * Writes the whole job (after each step of its run). With a lease, only while the caller still
   * holds the job's lease, which it renews; false when it does not (another instance took the
   * job over) or when there is no such job.
   */
  savePublishJob<T extends StoredPublishJob>(job: T, lease?: Lease): Promise<boolean>;
  getPublishJob<T extends StoredPublishJob>(id: string): Promise<T | undefined>;
  getPublishJobByKey<T extends StoredPublishJob>(idempotencyKey: string): Promise<T | undefined>;
  /** Newest first. */
  listPublishJobs<T extends StoredPublishJob>(filter?: PublishJobFilter): Promise<T[]>;
  /**
   * Takes the lease of an unfinished (queued or running) job when nobody holds it, its lease
   * lapsed, or the caller holds it already: one atomic update, so of instances claiming at once
   * one wins. Returns the stored job, or undefined (held by another instance, ended, unknown).
   */
  claimPublishJob<T extends StoredPublishJob>(id: string, lease: Lease): Promise<T | undefined>;
  /**
   * Takes, in one atomic update, the leases of up to `limit` (default 20) unfinished jobs that
   * nobody holds or whose lease lapsed (their instance died), oldest first; returns them.
   * Instances scanning at once get different jobs (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
   */
  claimLapsedPublishJobs<T extends StoredPublishJob>(lease: Lease, limit?: number): Promise<T[]>;
  /** Moves the end of the caller's lease to `lease.until`; false once another instance holds the job. */
  renewPublishJobLease(id: string, lease: Lease): Promise<boolean>;
  /** Gives up the job's lease (its run ended); does nothing when `owner` no longer holds it. */
  releasePublishJob(id: string, owner: string): Promise<void>;
  /** Stores each event unless one with its dedup key is there (one transaction); returns the newly stored ones. */
  addWebhookEvents(events: StoredWebhookEvent[]): Promise<StoredWebhookEvent[]>;
  /** Oldest first. */
  unprocessedWebhookEvents(limit?: number): Promise<StoredWebhookEvent[]>;
  /**
   * Claims, in one atomic update, up to `limit` (default 50) unprocessed events, oldest first,
   * that no instance has claimed or whose claim lapsed (their instance died); returns them.
   * Instances draining at once get different events (PostgreSQL: `FOR UPDATE SKIP LOCKED`).
   */
  claimWebhookEvents(claim: Lease, limit?: number): Promise<StoredWebhookEvent[]>;
  markWebhookEventProcessed(dedupKey: string, effect: string, at: string): Promise<void>;
  webhookEventSummary(): Promise<WebhookEventSummary>;
  /** Keeps the earliest `since` of an account already dirty. */
  markAccountDirty(accountId: string, reason: string, at: string): Promise<void>;
  dirtyAccounts(): Promise<DirtyAccount[]>;
  /** Forgets the accounts dirty since `upTo` or earlier (a rebuild started after those changes). */
  clearDirtyAccounts(upTo: string): Promise<void>;
  /** The rebuild trigger's last state (a JSON object), or undefined before the first request. */
  getRebuildStatus<T extends object>(): Promise<T | undefined>;
  saveRebuildStatus(status: object): Promise<void>;
  /**
   * Stores a JSON value under `scope` and `key` until `expiresAt` (ISO), replacing one there.
   * For what every instance must see and that ends by itself: upload tickets, sessions.
   */
  putExpiring(scope: string, key: string, value: unknown, expiresAt: string): Promise<void>;
  /** The value, or undefined when there is none or it expired at `now` (ISO). */
  getExpiring<T>(scope: string, key: string, now: string): Promise<T | undefined>;
  /**
   * Removes the value and returns it, in one statement: of several instances taking the same
   * key at once, exactly one gets it. Undefined when there was none or it had expired at `now`.
   */
  takeExpiring<T>(scope: string, key: string, now: string): Promise<T | undefined>;
  deleteExpiring(scope: string, key: string): Promise<void>;
  /**
   * Counts the attempt unless `max` hits of its limit and client are within the window; the
   * count and the new hit are one transaction, so attempts spread over instances at once never
   * exceed the limit. Returns 0 when counted, else the milliseconds until the oldest hit leaves
   * the window.
   */
  takeRateLimit(attempt: RateLimitAttempt): Promise<number>;
  /** Forgets the hits of one client (e.g. after a successful login). */
  clearRateLimit(limit: string, client: string): Promise<void>;
  /** Deletes the values and rate-limit hits expired at `now` (ISO); returns how many. */
  pruneExpired(now: string): Promise<number>;
  /**
   * Reads, changes and writes the rebuild status in one transaction, so that instances changing
   * it at once do not lose each other's changes; returns what was written. `change` runs inside
   * the transaction: keep it a pure function of the status it is given.
   */
  updateRebuildStatus<T extends object>(change: (current: T | undefined) => T): Promise<T>;
  /**
   * Takes the named lease for `holder` until `now + ttlMs` when it is free, expired, or already
   * `holder`'s (then it is renewed); true when `holder` has it afterwards. One atomic statement,
   * so of several instances asking at once exactly one gets a free lease. `now`: ms since the
   * epoch, default `Date.now()`.
   */
  acquireLease(name: string, holder: string, ttlMs: number, now?: number): Promise<boolean>;
  /** Gives the lease up if `holder` has it (expired or not); true when it did. */
  releaseLease(name: string, holder: string): Promise<boolean>;
  /** Stores a new endpoint (its secret encrypted). */
  addOutgoingEndpoint(endpoint: OutgoingEndpoint): Promise<void>;
  /** Oldest first. */
  listOutgoingEndpoints(): Promise<OutgoingEndpoint[]>;
  getOutgoingEndpoint(id: string): Promise<OutgoingEndpoint | undefined>;
  /** Removes it and its deliveries; false when there was none. */
  deleteOutgoingEndpoint(id: string): Promise<boolean>;
  /**
   * Makes `secret` the endpoint's secret and its current one the previous, signed with too
   * until `previousUntil` (ISO); false when there is no such endpoint.
   */
  rotateOutgoingSecret(id: string, secret: string, previousUntil: string): Promise<boolean>;
  /**
   * Stores one pending delivery of the message per endpoint subscribed to its type (one
   * transaction), due at `at`, retried until `retryUntil`; a message id an endpoint already has
   * is skipped. Returns how many deliveries were stored.
   */
  enqueueOutgoing(message: OutgoingMessage, at: string, retryUntil: string): Promise<number>;
  /**
   * Claims, in one atomic update, up to `limit` due deliveries, at most one per endpoint: each
   * endpoint's oldest pending delivery, when it is due and nobody holds it (or the claim lapsed).
   * A later delivery to an endpoint waits behind an earlier one not yet delivered or failed.
   */
  claimOutgoingDeliveries(claim: Lease, limit?: number): Promise<OutgoingDelivery[]>;
  /** Writes an attempt's outcome and gives up the claim; false once `owner` no longer holds it. */
  finishOutgoingAttempt(seq: number, owner: string, attempt: OutgoingAttempt): Promise<boolean>;
  /** Newest first; of one endpoint when given. Default limit 50. */
  listOutgoingDeliveries(filter?: {
    endpointId?: string;
    limit?: number;
  }): Promise<OutgoingDelivery[]>;
  /** Makes a delivery pending again, due at `at`, retried until `retryUntil`; false when there is none. */
  replayOutgoingDelivery(seq: number, at: string, retryUntil: string): Promise<boolean>;
  /** Deletes the delivered and failed deliveries whose retries ended before `before` (ISO); returns how many. */
  pruneOutgoingDeliveries(before: string): Promise<number>;
  /** Stores a new candidate; one with its media id already there is kept as it is. True when new. */
  addTaggedCandidate(candidate: TaggedCandidate): Promise<boolean>;
  /** By `postedAt`, oldest first. */
  listTaggedCandidates(filter?: TaggedCandidateFilter): Promise<TaggedCandidate[]>;
  getTaggedCandidate(mediaId: string): Promise<TaggedCandidate | undefined>;
  /**
   * Sets the status when the current one is among `from` (one conditional update, so of two
   * reviewers at once one wins); false when it was not (or there is no such candidate).
   */
  setTaggedCandidateStatus(
    mediaId: string,
    status: TaggedCandidateStatus,
    from: readonly TaggedCandidateStatus[],
    at: string,
  ): Promise<boolean>;
  close(): Promise<void>;
}
