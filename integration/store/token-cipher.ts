import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { TokenDecryptionError } from './errors.ts';
import { OLD_TOKEN_KEYS_VARIABLE, TOKEN_KEY_BYTES, type TokenKeys } from './keys.ts';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

interface NamedKey {
  id: string;
  key: Buffer;
}

/**
 * AES-256-GCM for tokens at rest. A blob reads `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url
 * parts); keyId is the first 8 hex chars of sha256(key), so a blob says which key opens it
 * without saying anything about the key. The caller's AAD (the account's user id) binds a blob
 * to its row: moved to another account, it no longer decrypts.
 */
export class TokenCipher {
  readonly #current: NamedKey;
  readonly #all: NamedKey[];

  constructor(keys: TokenKeys) {
    this.#current = nameKey(keys.current);
    this.#all = [this.#current, ...keys.old.map(nameKey)];
  }

  static fromKeys(keys: TokenKeys): TokenCipher {
    return new TokenCipher(keys);
  }

  /** The id written into blobs encrypted from now on. */
  get currentKeyId(): string {
    return this.#current.id;
  }

  encrypt(plaintext: string, aad: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.#current.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
    return [VERSION, this.#current.id, ...parts].join(':');
  }

  /** Throws `TokenDecryptionError` when no configured key opens the blob for this AAD. */
  decrypt(blob: string, aad: string): string {
    const parsed = parseBlob(blob);
    const candidates = this.#all.filter((named) => named.id === parsed.keyId);
    if (candidates.length === 0) {
      throw new TokenDecryptionError(
        'unknown_key',
        `The token was encrypted with a key that is not configured: add it to ${OLD_TOKEN_KEYS_VARIABLE}, or reconnect the account.`,
      );
    }
    // Ids are 32 bits: two configured keys may share one, so try each.
    for (const { key } of candidates) {
      const plaintext = tryDecrypt(key, parsed, aad);
      if (plaintext !== undefined) return plaintext;
    }
    throw new TokenDecryptionError(
      'authentication',
      'The token failed authentication: it was altered after encryption, or belongs to another account. Reconnect the account.',
    );
  }

  /** Whether the blob is already under the current key (nothing for rotation to do). */
  isCurrent(blob: string): boolean {
    return blob.split(':', 2)[1] === this.#current.id;
  }
}

function nameKey(key: Buffer): NamedKey {
  if (key.length !== TOKEN_KEY_BYTES) {
    throw new RangeError(
      `A token key must be ${TOKEN_KEY_BYTES} bytes, not ${key.length}: read keys with loadTokenKeys().`,
    );
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key: Buffer.from(key) };
}

interface ParsedBlob {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function parseBlob(blob: string): ParsedBlob {
  const parts = typeof blob === 'string' ? blob.split(':') : [];
  const [version, keyId, iv, tag, ciphertext] = parts;
  if (
    parts.length !== 5 ||
    version !== VERSION ||
    keyId === undefined ||
    !/^[0-9a-f]{8}$/.test(keyId) ||
    iv === undefined ||
    tag === undefined ||
    ciphertext === undefined ||
    ![iv, tag, ciphertext].every((part) => BASE64URL.test(part))
  ) {
    throw new TokenDecryptionError(
      'malformed',
      'The stored token is not a token blob this server writes (v1, AES-256-GCM). Reconnect the account.',
    );
  }
  return {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
  };
}

function tryDecrypt(key: Buffer, blob: ParsedBlob, aad: string): string | undefined {
  if (blob.iv.length !== IV_BYTES || blob.tag.length !== TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, blob.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(blob.tag);
    return Buffer.concat([decipher.update(blob.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
