import { createHmac } from 'node:crypto';
import { secretsEqual } from '../shared/secrets-equal.ts';

/**
 * The keys that open a private gallery: `?k=` of a link made in /admin, and the cookie a right
 * password or link leaves. A key is `<kind><expiry>.<mac>`: kind `l` (a link) or `p` (a
 * password's grant), the expiry in seconds since 1970 (base 36), and an HMAC-SHA256 of the
 * event, the kind and the expiry with the server's secret, which every instance derives from
 * the same token key: a link made on one instance opens the gallery on all of them. A
 * password's grant also signs the event's password hash, so a new password ends the old ones.
 */
export type AccessKind = 'link' | 'password';

export type AccessKeyCheck =
  | { result: 'valid'; kind: AccessKind; expiresAt: Date }
  | { result: 'expired' | 'invalid' };

const KIND_LETTER: Record<AccessKind, string> = { link: 'l', password: 'p' };
const KEY = /^([lp])([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/;

export interface AccessKeyInput {
  eventId: string;
  expiresAt: Date;
  kind: AccessKind;
  /** The event's password hash: signed into a password's grant. */
  passwordHash?: string | undefined;
}

export function signAccessKey(secret: Buffer, input: AccessKeyInput): string {
  const letter = KIND_LETTER[input.kind];
  const expiry = Math.floor(input.expiresAt.getTime() / 1000).toString(36);
  return `${letter}${expiry}.${mac(secret, input.eventId, letter, expiry, input.passwordHash)}`;
}

/** Whether `key` opens the event now: a key made for another event, altered or unreadable is invalid. */
export function checkAccessKey(
  secret: Buffer,
  eventId: string,
  key: string,
  { now = new Date(), passwordHash }: { now?: Date; passwordHash?: string | undefined } = {},
): AccessKeyCheck {
  const [, letter = '', expiry = '', given = ''] = KEY.exec(key) ?? [];
  if (!letter) return { result: 'invalid' };
  const kind: AccessKind = letter === 'p' ? 'password' : 'link';
  // A password's grant outlives no password: an event whose password was removed refuses it.
  if (kind === 'password' && passwordHash === undefined) return { result: 'invalid' };
  if (!secretsEqual(given, mac(secret, eventId, letter, expiry, passwordHash)))
    return { result: 'invalid' };
  const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
  return expiresAt.getTime() > now.getTime()
    ? { result: 'valid', kind, expiresAt }
    : { result: 'expired' };
}

function mac(
  secret: Buffer,
  eventId: string,
  letter: string,
  expiry: string,
  passwordHash: string | undefined,
): string {
  const signed = ['private gallery', eventId, letter, expiry];
  if (letter === 'p') signed.push(passwordHash ?? '');
  return createHmac('sha256', secret).update(signed.join('\n')).digest('base64url');
}
