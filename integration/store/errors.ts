/**
 * A state store failure. Messages name the account (user id) and say what to do;
 * they never contain a token, a cipher blob or a key.
 */
export class StoreError extends Error {
  /** The Instagram account the failure concerns, when there is one. */
  readonly userId?: string;

  constructor(message: string, options: { userId?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StoreError';
    this.userId = options.userId;
  }
}

/** The store cannot start as configured: a missing or malformed environment variable. */
export class StoreConfigError extends StoreError {
  /** The environment variable to fix. */
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(message);
    this.name = 'StoreConfigError';
    this.variable = variable;
  }
}

/**
 * Why a token blob could not be decrypted:
 * - `unknown_key`: encrypted under a key that is neither the current nor an old key.
 * - `authentication`: the tag does not verify: the blob was altered, or belongs to another account.
 * - `malformed`: not a blob this cipher writes.
 */
export type TokenDecryptionReason = 'unknown_key' | 'authentication' | 'malformed';

/** A token blob that could not be decrypted. Says nothing about the blob's content. */
export class TokenDecryptionError extends StoreError {
  readonly reason: TokenDecryptionReason;

  constructor(reason: TokenDecryptionReason, message: string) {
    super(message);
    this.name = 'TokenDecryptionError';
    this.reason = reason;
  }
}
