import type { SQLOutputValue } from 'node:sqlite';
import { StoreError, TokenDecryptionError } from './errors.ts';
import type { TokenCipher } from './token-cipher.ts';
import type { AccountUsage, ConnectedAccount, TokenUpdate } from './types.ts';

type Row = Record<string, SQLOutputValue>;

/** The `accounts` columns in the order `accountParameters` binds them. */
export const ACCOUNT_COLUMNS = [
  'user_id',
  'username',
  'account_type',
  'scopes',
  'token_blob',
  'token_issued_at',
  'token_expires_at',
  'refreshed_at',
  'connected_at',
  'source',
  'usage_app_percent',
  'usage_business_percent',
  'usage_at',
  'login_flavour',
] as const;

/** An account as bound parameters, token encrypted under the current key. */
export function accountParameters(
  account: ConnectedAccount,
  cipher: TokenCipher,
): (string | number | null)[] {
  const userId = checkUserId(account.userId);
  checkAccount(account);
  return [
    userId,
    account.username,
    account.accountType ?? null,
    JSON.stringify(account.scopes),
    cipher.encrypt(account.token, userId),
    isoDate(account.tokenIssuedAt, 'tokenIssuedAt', userId),
    optionalIsoDate(account.tokenExpiresAt, 'tokenExpiresAt', userId),
    optionalIsoDate(account.refreshedAt, 'refreshedAt', userId),
    isoDate(account.connectedAt, 'connectedAt', userId),
    account.source,
    ...usageParameters(account.lastUsage, userId),
    account.loginFlavour ?? 'instagram',
  ];
}

/** `token_blob, token_issued_at, token_expires_at, refreshed_at` for a refreshed token. */
export function tokenParameters(
  userId: string,
  update: TokenUpdate,
  cipher: TokenCipher,
): (string | null)[] {
  if (typeof update.token !== 'string' || update.token === '')
    throw invalid(userId, 'token', 'a non-empty string');
  return [
    cipher.encrypt(update.token, userId),
    isoDate(update.tokenIssuedAt, 'tokenIssuedAt', userId),
    optionalIsoDate(update.tokenExpiresAt, 'tokenExpiresAt', userId),
    isoDate(update.refreshedAt, 'refreshedAt', userId),
  ];
}

export function usageParameters(
  usage: AccountUsage | undefined,
  userId: string,
): (number | string | null)[] {
  if (usage === undefined) return [null, null, null];
  return [
    percent(usage.appPercent, 'appPercent', userId),
    percent(usage.businessPercent, 'businessPercent', userId),
    isoDate(usage.at, 'lastUsage.at', userId),
  ];
}

/** A stored row as an account, token decrypted. Throws `StoreError` naming the account when it cannot be. */
export function accountFromRow(row: Row, cipher: TokenCipher): ConnectedAccount {
  const userId = String(row.user_id);
  const account: ConnectedAccount = {
    userId,
    username: String(row.username),
    scopes: JSON.parse(String(row.scopes)) as string[],
    token: decryptToken(String(row.token_blob), userId, cipher),
    tokenIssuedAt: String(row.token_issued_at),
    tokenExpiresAt: nullableString(row.token_expires_at),
    refreshedAt: nullableString(row.refreshed_at),
    connectedAt: String(row.connected_at),
    source: row.source === 'cli' ? 'cli' : 'oauth',
  };
  if (row.account_type !== null) account.accountType = String(row.account_type);
  if (row.usage_at !== null) account.lastUsage = usageFromRow(row);
  if (row.login_flavour === 'facebook') account.loginFlavour = 'facebook';
  return account;
}

export function decryptToken(blob: string, userId: string, cipher: TokenCipher): string {
  try {
    return cipher.decrypt(blob, userId);
  } catch (error) {
    const reason =
      error instanceof TokenDecryptionError ? error.message : 'The token could not be decrypted.';
    throw new StoreError(`Cannot read the token of Instagram account ${userId}. ${reason}`, {
      userId,
      cause: error,
    });
  }
}

/** Tokens to rewrite under the current key, and the accounts whose token no configured key opens. */
export function reencryptedTokens(
  rows: Row[],
  cipher: TokenCipher,
): { updates: { userId: string; blob: string }[]; unreadable: string[] } {
  const updates: { userId: string; blob: string }[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    const userId = String(row.user_id);
    const blob = String(row.token_blob);
    if (cipher.isCurrent(blob)) continue;
    let token: string;
    try {
      token = decryptToken(blob, userId, cipher);
    } catch {
      unreadable.push(userId);
      continue;
    }
    updates.push({ userId, blob: cipher.encrypt(token, userId) });
  }
  return { updates, unreadable };
}

/** After a rotation that rewrote `changed` tokens: names the accounts left unreadable. */
export function unreadableTokensError(changed: number, unreadable: string[]): StoreError {
  return new StoreError(
    `Re-encrypted ${changed} token(s) under the current key, but could not read the token of Instagram account(s) ${unreadable.join(', ')}: add the key they were encrypted with to IG_TOKEN_ENCRYPTION_OLD_KEYS, or reconnect them.`,
    { userId: unreadable[0] },
  );
}

function usageFromRow(row: Row): AccountUsage {
  return {
    appPercent: row.usage_app_percent === null ? null : Number(row.usage_app_percent),
    businessPercent:
      row.usage_business_percent === null ? null : Number(row.usage_business_percent),
    at: String(row.usage_at),
  };
}

/** Instagram ids are strings of digits: a number here has already lost precision. */
export function checkUserId(userId: unknown): string {
  if (typeof userId !== 'string' || !/^\d+$/.test(userId)) {
    // The value is not repeated: a token passed in the id's place must not reach a log.
    const got =
      typeof userId === 'string' ? 'a string with other characters' : `a ${typeof userId}`;
    throw new StoreError(
      `An Instagram user id must be a string of digits, got ${got}: pass ids as strings.`,
    );
  }
  return userId;
}

function checkAccount(account: ConnectedAccount): void {
  const { userId } = account;
  if (typeof account.username !== 'string' || account.username === '')
    throw invalid(userId, 'username', 'a non-empty string');
  if (account.accountType !== undefined && typeof account.accountType !== 'string')
    throw invalid(userId, 'accountType', 'a string');
  if (!Array.isArray(account.scopes) || !account.scopes.every((scope) => typeof scope === 'string'))
    throw invalid(userId, 'scopes', 'an array of strings');
  if (typeof account.token !== 'string' || account.token === '')
    throw invalid(userId, 'token', 'a non-empty string');
  if (account.source !== 'oauth' && account.source !== 'cli')
    throw invalid(userId, 'source', "'oauth' or 'cli'");
  if (
    account.loginFlavour !== undefined &&
    account.loginFlavour !== 'instagram' &&
    account.loginFlavour !== 'facebook'
  )
    throw invalid(userId, 'loginFlavour', "'instagram' or 'facebook'");
}

// Normalised so that text order is time order in every backend.
function isoDate(value: unknown, field: string, userId: string): string {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw invalid(userId, field, 'an ISO date string');
  return new Date(time).toISOString();
}

function optionalIsoDate(value: unknown, field: string, userId: string): string | null {
  return value === null || value === undefined ? null : isoDate(value, field, userId);
}

function percent(value: unknown, field: string, userId: string): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw invalid(userId, field, 'a number or null');
  return value;
}

function nullableString(value: SQLOutputValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

// Names the field, never its value: the value may be a token.
function invalid(userId: string, field: string, expected: string): StoreError {
  return new StoreError(`Cannot store Instagram account ${userId}: ${field} must be ${expected}.`, {
    userId,
  });
}
