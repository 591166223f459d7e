import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenDecryptionError } from '../../integration/store/index.ts';
import { cipherWith, KEY_A, KEY_B, uniqueToken } from './store-fixtures.ts';

const USER_ID = '17841400000000001';
const OTHER_USER_ID = '17841400000000002';

function decryptionErrorOf(run: () => unknown): TokenDecryptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof TokenDecryptionError) return error;
    throw error;
  }
  throw new Error('expected decryption to fail');
}

/** The blob with one byte of its `part` (2 iv, 3 tag, 4 ciphertext) flipped. */
function flipByte(blob: string, part: number): string {
  const parts = blob.split(':');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join(':');
}

describe('the token cipher', () => {
  it('reads back what it wrote, for the same account', () => {
    const cipher = cipherWith(KEY_A);
    const token = uniqueToken();
    expect(cipher.decrypt(cipher.encrypt(token, USER_ID), USER_ID)).toBe(token);
  });

  it('writes v1 blobs naming the key by the start of its sha256, with a fresh IV each time', () => {
    const cipher = cipherWith(KEY_A);
    const keyId = createHash('sha256').update(KEY_A).digest('hex').slice(0, 8);
    const first = cipher.encrypt('same token', USER_ID);
    const second = cipher.encrypt('same token', USER_ID);
    expect(first).toMatch(new RegExp(`^v1:${keyId}:[\\w-]{16}:[\\w-]{22}:[\\w-]+$`));
    expect(first.split(':')[2]).not.toBe(second.split(':')[2]);
    expect(first).not.toContain(KEY_A.toString('base64url'));
  });

  it('reads blobs of an old key while writing under the current one', () => {
    const written = cipherWith(KEY_A).encrypt('token under A', USER_ID);
    const rotated = cipherWith(KEY_B, [KEY_A]);
    expect(rotated.decrypt(written, USER_ID)).toBe('token under A');
    expect(rotated.isCurrent(written)).toBe(false);
    expect(rotated.isCurrent(rotated.encrypt('token under B', USER_ID))).toBe(true);
  });

  it('says which variable to add a key to when none configured matches', () => {
    const written = cipherWith(KEY_A).encrypt('token under A', USER_ID);
    const error = decryptionErrorOf(() => cipherWith(KEY_B).decrypt(written, USER_ID));
    expect(error.reason).toBe('unknown_key');
    expect(error.message).toContain(
      'encrypted with a key that is not configured: add it to IG_TOKEN_ENCRYPTION_OLD_KEYS',
    );
  });

  it.each([
    ['iv', 2],
    ['tag', 3],
    ['ciphertext', 4],
  ])('refuses a blob with one byte of its %s changed', (_, part) => {
    const cipher = cipherWith(KEY_A);
    const tampered = flipByte(cipher.encrypt(uniqueToken(), USER_ID), part);
    const error = decryptionErrorOf(() => cipher.decrypt(tampered, USER_ID));
    expect(error.reason).toBe('authentication');
    expect(error.message).toMatch(
      /failed authentication: it was altered after encryption, or belongs to another account/,
    );
  });

  it("refuses a blob moved to another account's row", () => {
    const cipher = cipherWith(KEY_A);
    const blob = cipher.encrypt(uniqueToken(), USER_ID);
    expect(decryptionErrorOf(() => cipher.decrypt(blob, OTHER_USER_ID)).reason).toBe(
      'authentication',
    );
  });

  it.each(['', 'IGAAplaintext', 'v2:00000000:a:b:c', 'v1:zz:a:b:c', 'v1:00000000:a:b'])(
    'refuses %j as not one of its blobs',
    (blob) => {
      const error = decryptionErrorOf(() => cipherWith(KEY_A).decrypt(blob, USER_ID));
      expect(error.reason).toBe('malformed');
      expect(error.message).not.toContain(blob || 'never empty');
    },
  );

  it('refuses a key that is not 32 bytes', () => {
    expect(() => cipherWith(Buffer.alloc(16))).toThrow(/must be 32 bytes, not 16/);
  });
});
