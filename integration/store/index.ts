export { applyMigrations } from './apply-migrations.ts';
export { applyPostgresMigrations } from './apply-postgres-migrations.ts';
export {
  StoreConfigError,
  StoreError,
  TokenDecryptionError,
  type TokenDecryptionReason,
} from './errors.ts';
export {
  generateTokenKey,
  loadTokenKeys,
  OLD_TOKEN_KEYS_VARIABLE,
  TOKEN_KEY_VARIABLE,
  type TokenKeys,
} from './keys.ts';
export {
  LeaseBusyError,
  processLeases,
  taskHolder,
  withLease,
  type LeaseOptions,
  type Leases,
} from './leases.ts';
export { MIGRATIONS, type Migration } from './migrations.ts';
export {
  DATABASE_URL_VARIABLE,
  DEFAULT_STATE_DB_PATH,
  describeStateStore,
  openStateStore,
  stateStoreLocation,
  type StateStoreLocation,
} from './open-state-store.ts';
export { openPostgresStore, type PostgresStoreOptions } from './postgres-store.ts';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
export { TokenCipher } from './token-cipher.ts';
export type {
  AccountUsage,
  ConnectedAccount,
  LoginFlavour,
  DirtyAccount,
  Lease,
  OutgoingAttempt,
  OutgoingDelivery,
  OutgoingDeliveryStatus,
  OutgoingEndpoint,
  OutgoingMessage,
  StateStore,
  PublishJobFilter,
  RateLimitAttempt,
  StoredPublishJob,
  StoredWebhookEvent,
  TaggedCandidate,
  TaggedCandidateFilter,
  TaggedCandidateSource,
  TaggedCandidateStatus,
  TokenUpdate,
  WebhookEventSummary,
} from './types.ts';
