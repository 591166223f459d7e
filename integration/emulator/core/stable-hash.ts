import { createHash } from 'node:crypto';

/** The first 32 bits of SHA-256(text), unsigned: the same number on every run and machine. */
export function stableHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}
