import { describe, expect, it } from 'vitest';
import { secretsEqual } from '../../integration/shared/secrets-equal.ts';

describe('secretsEqual', () => {
  it('accepts the same secret', () => {
    expect(secretsEqual('s3cret-token', 's3cret-token')).toBe(true);
  });

  it('refuses a different secret of the same length', () => {
    expect(secretsEqual('s3cret-tokeN', 's3cret-token')).toBe(false);
  });

  it('refuses a prefix, a longer secret and the empty string, without throwing on the length', () => {
    expect(secretsEqual('s3cret', 's3cret-token')).toBe(false);
    expect(secretsEqual('s3cret-token-and-more', 's3cret-token')).toBe(false);
    expect(secretsEqual('', 's3cret-token')).toBe(false);
  });
});
