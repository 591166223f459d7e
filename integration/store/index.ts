export { applyMigrations } from './apply-migrations.ts';
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
export { MIGRATIONS, type Migration } from './migrations.ts';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
export { TokenCipher } from './token-cipher.ts';
export type {
  AccountUsage,
  ConnectedAccount,
  DirtyAccount,
  StateStore,
  PublishJobFilter,
  StoredPublishJob,
  StoredWebhookEvent,
  TokenUpdate,
  WebhookEventSummary,
} from './types.ts';
