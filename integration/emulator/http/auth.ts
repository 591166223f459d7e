import type { IncomingHttpHeaders } from 'node:http';
import {
  GraphError,
  expiredToken,
  invalidToken,
  invalidatedToken,
  passwordChangedToken,
  unsupportedGet,
} from '../core/errors.ts';
import type { LoginFlavour } from '../core/flavour.ts';
import type { Account, Store, Token } from '../core/store.ts';

/** Graph takes the token from `access_token`, or from `Authorization: Bearer|OAuth <token>`. */
export function readAccessToken(
  query: URLSearchParams,
  headers: IncomingHttpHeaders,
): string | undefined {
  const fromQuery = query.get('access_token');
  if (fromQuery !== null) return fromQuery;
  const match = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

/** The account a token reads as, or the 190 error Graph gives for it. */
export function authenticate(store: Store, token: string | undefined, nowMs: number): Account {
  return validToken(store, token, nowMs).account;
}

/**
 * A known, unrevoked, unexpired token of the host's own login, or the 190 error Graph gives for it:
 * an Instagram token cannot be parsed by graph.facebook.com, nor a Facebook one by graph.instagram.com.
 */
export function validToken(
  store: Store,
  token: string | undefined,
  nowMs: number,
  flavour: LoginFlavour = 'instagram',
): Token {
  const record = token === undefined ? undefined : store.tokens.get(token);
  if (!record || record.flavour !== flavour) throw new GraphError(invalidToken());
  if (record.revoked === 'password_changed') throw new GraphError(passwordChangedToken());
  if (record.revoked === 'invalid') throw new GraphError(invalidatedToken());
  if (record.expiresAtMs <= nowMs) throw new GraphError(expiredToken(record.expiresAtMs, nowMs));
  return record;
}

/** A token reads only its own account's nodes; anything else looks like a missing object (100/33). */
export function requireOwnAccount(account: Account, userId: string): void {
  if (account.userId !== userId) throw new GraphError(unsupportedGet(userId));
}
