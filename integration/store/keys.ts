import { randomBytes } from 'node:crypto';
import type { Env } from '../shared/env.ts';
import { StoreConfigError } from './errors.ts';

export const TOKEN_KEY_VARIABLE = 'IG_TOKEN_ENCRYPTION_KEY';
export const OLD_TOKEN_KEYS_VARIABLE = 'IG_TOKEN_ENCRYPTION_OLD_KEYS';
export const TOKEN_KEY_BYTES = 32;

const GENERATE_COMMAND = `node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))"`;
const HINT = `Generate a key with: ${GENERATE_COMMAND}`;
// Standard or url-safe alphabet, padding optional.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The key tokens are encrypted under, and the keys earlier tokens may still be under. */
export interface TokenKeys {
  current: Buffer;
  old: Buffer[];
}

/**
 * Reads `IG_TOKEN_ENCRYPTION_KEY` (required) and `IG_TOKEN_ENCRYPTION_OLD_KEYS` (optional,
 * comma-separated): each the base64 of 32 bytes. Throws `StoreConfigError`; messages never
 * contain the value.
 */
export function loadTokenKeys(env: Env): TokenKeys {
  const current = env[TOKEN_KEY_VARIABLE]?.trim();
  if (!current) {
    throw new StoreConfigError(
      TOKEN_KEY_VARIABLE,
      `${TOKEN_KEY_VARIABLE} is missing: it encrypts Instagram tokens at rest and must be the base64 of ${TOKEN_KEY_BYTES} random bytes. ${HINT}`,
    );
  }
  return {
    current: decodeKey(current, TOKEN_KEY_VARIABLE),
    old: loadOldKeys(env[OLD_TOKEN_KEYS_VARIABLE]),
  };
}

function loadOldKeys(value: string | undefined): Buffer[] {
  // Empty entries (a trailing comma, an empty variable) are no keys rather than bad keys.
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.map((entry, index) =>
    decodeKey(
      entry,
      OLD_TOKEN_KEYS_VARIABLE,
      entries.length === 1 ? '' : ` (entry ${index + 1} of ${entries.length})`,
    ),
  );
}

function decodeKey(value: string, variable: string, which = ''): Buffer {
  const label = `${variable}${which}`;
  if (!BASE64.test(value) || value.replace(/=+$/, '').length % 4 === 1) {
    throw new StoreConfigError(
      variable,
      `${label} is not base64: it must be the base64 (standard or url-safe) of ${TOKEN_KEY_BYTES} random bytes. ${HINT}`,
    );
  }
  const key = Buffer.from(value, 'base64');
  if (key.length !== TOKEN_KEY_BYTES) {
    throw new StoreConfigError(
      variable,
      `${label} decodes to ${key.length} bytes, not ${TOKEN_KEY_BYTES}. ${HINT}`,
    );
  }
  return key;
}

/** A new key for `IG_TOKEN_ENCRYPTION_KEY`: the base64 of 32 random bytes. */
export function generateTokenKey(): string {
  return randomBytes(TOKEN_KEY_BYTES).toString('base64');
}
