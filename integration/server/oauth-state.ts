import { createHmac, randomBytes } from 'node:crypto';
import { secretsEqual } from '../shared/secrets-equal.ts';

/** Where the session keeps the state it is waiting for. */
export const PENDING_STATE_KEY = 'astro-instagram-sync:oauth-state';

/** The OAuth `state` lives 10 minutes and is used once. */
export const STATE_TTL_MS = 10 * 60_000;

export interface PendingState {
  nonce: string;
  expiresAt: number;
}

/**
 * A `state` value bound to the admin's session: `<nonce>.<expiry>.<hmac(session, nonce, expiry)>`.
 * The session keeps the nonce, so the value is accepted once, by the session that asked for it.
 */
export function createState(
  key: Buffer,
  sessionId: string,
  now = Date.now(),
): { state: string; pending: PendingState } {
  const nonce = randomBytes(18).toString('base64url');
  const expiresAt = now + STATE_TTL_MS;
  return {
    state: `${nonce}.${expiresAt}.${sign(key, sessionId, nonce, expiresAt)}`,
    pending: { nonce, expiresAt },
  };
}

export type StateCheck =
  | 'ok'
  | 'missing'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'not_pending';

export function checkState(
  key: Buffer,
  sessionId: string,
  state: string | null,
  pending: PendingState | undefined,
  now = Date.now(),
): StateCheck {
  if (!state) return 'missing';
  const [nonce, expiry, signature] = state.split('.');
  if (!nonce || !expiry || !signature || !/^\d+$/.test(expiry)) return 'malformed';
  if (!secretsEqual(signature, sign(key, sessionId, nonce, Number(expiry)))) return 'bad_signature';
  if (Number(expiry) <= now) return 'expired';
  if (!pending || pending.nonce !== nonce) return 'not_pending';
  return 'ok';
}

function sign(key: Buffer, sessionId: string, nonce: string, expiresAt: number): string {
  return createHmac('sha256', key)
    .update(`${sessionId}\n${nonce}\n${expiresAt}`)
    .digest('base64url');
}
