import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares secrets (tokens, signatures) in constant time. Both sides are hashed first, so the
 * buffers compared always have the same length: the timing says nothing about the length of
 * either secret, nor about its content.
 */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
