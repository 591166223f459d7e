import { describe, expect, it } from 'vitest';
import {
  generateTokenKey,
  loadTokenKeys,
  StoreConfigError,
} from '../../integration/store/index.ts';

const GENERATE = `node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))"`;
const base64Of = (bytes: number, fill = 7) => Buffer.alloc(bytes, fill).toString('base64');
const CURRENT = base64Of(32, 1);

function configErrorOf(env: Record<string, string | undefined>): StoreConfigError {
  try {
    loadTokenKeys(env);
  } catch (error) {
    if (error instanceof StoreConfigError) return error;
    throw error;
  }
  throw new Error('expected loadTokenKeys to throw');
}

describe('loading token keys from the environment', () => {
  it('reads the current key and the old keys', () => {
    const old = [base64Of(32, 2), Buffer.alloc(32, 3).toString('base64url')];
    const keys = loadTokenKeys({
      IG_TOKEN_ENCRYPTION_KEY: CURRENT,
      IG_TOKEN_ENCRYPTION_OLD_KEYS: ` ${old[0]}, ${old[1]}, `,
    });
    expect(keys.current).toEqual(Buffer.alloc(32, 1));
    expect(keys.old).toEqual([Buffer.alloc(32, 2), Buffer.alloc(32, 3)]);
  });

  it('accepts url-safe base64 without padding', () => {
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => 250 - i));
    expect(loadTokenKeys({ IG_TOKEN_ENCRYPTION_KEY: key.toString('base64url') }).current).toEqual(
      key,
    );
  });

  it('has no old keys when none are set', () => {
    expect(loadTokenKeys({ IG_TOKEN_ENCRYPTION_KEY: CURRENT }).old).toEqual([]);
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
  ])('says the key is missing when %s, and how to generate one', (_, value) => {
    const error = configErrorOf({ IG_TOKEN_ENCRYPTION_KEY: value });
    expect(error.variable).toBe('IG_TOKEN_ENCRYPTION_KEY');
    expect(error.message).toMatch(/^IG_TOKEN_ENCRYPTION_KEY is missing/);
    expect(error.message).toContain(GENERATE);
  });

  it.each([
    ['not base64', 'this is-not*base64!!', /is not base64/],
    ['31 bytes', base64Of(31), /decodes to 31 bytes, not 32/],
    ['33 bytes', base64Of(33), /decodes to 33 bytes, not 32/],
  ])('rejects a key that is %s, naming the variable but not the value', (_, value, reason) => {
    const error = configErrorOf({ IG_TOKEN_ENCRYPTION_KEY: value });
    expect(error.variable).toBe('IG_TOKEN_ENCRYPTION_KEY');
    expect(error.message).toMatch(/^IG_TOKEN_ENCRYPTION_KEY /);
    expect(error.message).toMatch(reason);
    expect(error.message).toContain(GENERATE);
    expect(error.message).not.toContain(value);
  });

  it('rejects a bad old key, saying which entry it is but not its value', () => {
    const bad = base64Of(31, 9);
    const error = configErrorOf({
      IG_TOKEN_ENCRYPTION_KEY: CURRENT,
      IG_TOKEN_ENCRYPTION_OLD_KEYS: `${base64Of(32, 2)},${bad}`,
    });
    expect(error.variable).toBe('IG_TOKEN_ENCRYPTION_OLD_KEYS');
    expect(error.message).toMatch(
      /^IG_TOKEN_ENCRYPTION_OLD_KEYS \(entry 2 of 2\) decodes to 31 bytes, not 32/,
    );
    expect(error.message).toContain(GENERATE);
    expect(error.message).not.toContain(bad);
  });

  it('generates keys it accepts', () => {
    const generated = generateTokenKey();
    expect(loadTokenKeys({ IG_TOKEN_ENCRYPTION_KEY: generated }).current).toHaveLength(32);
    expect(generateTokenKey()).not.toBe(generated);
  });
});
