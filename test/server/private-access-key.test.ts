import { describe, expect, it } from 'vitest';
import { checkAccessKey, signAccessKey } from '../../integration/server/private-access-key.ts';

const SECRET = Buffer.alloc(32, 7);
const EVENT = '2026-11-14-board-dinner';
const NOW = new Date('2026-11-15T10:00:00Z');
const LATER = new Date('2026-11-22T10:00:00Z');
const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';

const link = (overrides: Partial<Parameters<typeof signAccessKey>[1]> = {}) =>
  signAccessKey(SECRET, { eventId: EVENT, expiresAt: LATER, kind: 'link', ...overrides });

describe('private gallery access keys', () => {
  it('open their event until they expire, and say when', () => {
    expect(checkAccessKey(SECRET, EVENT, link(), { now: NOW })).toEqual({
      result: 'valid',
      kind: 'link',
      expiresAt: LATER,
    });
    expect(checkAccessKey(SECRET, EVENT, link(), { now: LATER })).toEqual({ result: 'expired' });
  });

  it('are short enough for a link and safe in a URL and a cookie', () => {
    expect(link()).toMatch(/^l[0-9a-z]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('open no other event', () => {
    expect(checkAccessKey(SECRET, 'another-event', link(), { now: NOW }).result).toBe('invalid');
  });

  it('refuse a key made with another secret (another site, or a rotated key)', () => {
    const other = signAccessKey(Buffer.alloc(32, 8), {
      eventId: EVENT,
      expiresAt: LATER,
      kind: 'link',
    });
    expect(checkAccessKey(SECRET, EVENT, other, { now: NOW }).result).toBe('invalid');
  });

  it('refuse a longer life written into an expired key', () => {
    const expired = link({ expiresAt: new Date('2026-11-15T09:00:00Z') });
    const [, mac] = expired.split('.');
    const extended = `l${Math.floor(LATER.getTime() / 1000).toString(36)}.${mac}`;
    expect(checkAccessKey(SECRET, EVENT, extended, { now: NOW }).result).toBe('invalid');
  });

  it('refuse a changed signature, and anything that is not a key', () => {
    const key = link();
    const flipped = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [
      flipped,
      '',
      'l',
      key.slice(0, -2),
      `${key}x`,
      `x${key.slice(1)}`,
      `${key}\n`,
    ])
      expect(checkAccessKey(SECRET, EVENT, bad, { now: NOW }).result, JSON.stringify(bad)).toBe(
        'invalid',
      );
  });

  it('a password grant ends when the password changes or is removed; a link does not', () => {
    const grant = signAccessKey(SECRET, {
      eventId: EVENT,
      expiresAt: LATER,
      kind: 'password',
      passwordHash: HASH,
    });
    expect(checkAccessKey(SECRET, EVENT, grant, { now: NOW, passwordHash: HASH }).result).toBe(
      'valid',
    );
    const changed = `${HASH.slice(0, -4)}aGFzaB==`;
    expect(checkAccessKey(SECRET, EVENT, grant, { now: NOW, passwordHash: changed }).result).toBe(
      'invalid',
    );
    expect(checkAccessKey(SECRET, EVENT, grant, { now: NOW }).result).toBe('invalid');
    expect(checkAccessKey(SECRET, EVENT, link(), { now: NOW, passwordHash: changed }).result).toBe(
      'valid',
    );
  });

  it('a link cannot pass for a password grant', () => {
    const asGrant = `p${link().slice(1)}`;
    expect(checkAccessKey(SECRET, EVENT, asGrant, { now: NOW, passwordHash: HASH }).result).toBe(
      'invalid',
    );
  });
});
