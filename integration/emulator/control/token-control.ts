import { ControlInputError } from './control-input.ts';
import { FACEBOOK_SCOPES, type FacebookScope, isFacebookScope } from '../oauth/facebook-scopes.ts';
import type { LoginFlavour } from '../core/flavour.ts';
import { INSTAGRAM_SCOPES, isInstagramScope, type InstagramScope } from '../oauth/scopes.ts';
import type { TokenKind, TokenRevocation } from '../seed/seed.ts';
import type { Account, Scope, Store } from '../core/store.ts';
import { addToken } from '../oauth/tokens.ts';

/** A token made to order, e.g. a long-lived one issued 30 days ago. */
export interface IssueTokenSpec {
  /** The account's username; default the first account. */
  username?: string;
  kind: TokenKind;
  /** ms on the emulator clock, an ISO string or a Date; default now. */
  issuedAt?: number | string | Date;
  /** Same forms; default `issuedAt` + 1 hour (short) or 60 days (long). */
  expiresAt?: number | string | Date;
  /** `facebook`: a Facebook user token, for graph.facebook.com; default `instagram`. */
  flavour?: LoginFlavour;
  /** Default all five `instagram_business_*` scopes, or every Facebook Login one. */
  scopes?: (InstagramScope | FacebookScope)[];
}

export function issueToken(store: Store, spec: IssueTokenSpec, nowMs: number): string {
  if (typeof spec !== 'object' || spec === null)
    throw new ControlInputError('issueToken takes an object with at least kind');
  if (spec.kind !== 'short' && spec.kind !== 'long')
    throw new ControlInputError('issueToken: kind must be "short" or "long"');
  const issuedAtMs = spec.issuedAt === undefined ? nowMs : instant(spec.issuedAt, 'issuedAt');
  const expiresAtMs =
    spec.expiresAt === undefined ? undefined : instant(spec.expiresAt, 'expiresAt');
  if (expiresAtMs !== undefined && expiresAtMs <= issuedAtMs)
    throw new ControlInputError('issueToken: expiresAt must be after issuedAt');
  const flavour = spec.flavour ?? 'instagram';
  if (flavour !== 'instagram' && flavour !== 'facebook')
    throw new ControlInputError('issueToken: flavour must be "instagram" or "facebook"');
  const scopes = checkScopes(spec.scopes, flavour);
  return addToken(store, {
    account: accountNamed(store, spec.username),
    flavour,
    kind: spec.kind,
    issuedAtMs,
    expiresAtMs,
    scopes,
  }).token;
}

export function revokeToken(store: Store, token: string, reason: TokenRevocation): void {
  const record = store.tokens.get(token);
  if (!record) throw new ControlInputError('revokeToken: unknown token');
  if (reason !== 'password_changed' && reason !== 'invalid') {
    throw new ControlInputError('revokeToken: reason must be "password_changed" or "invalid"');
  }
  record.revoked = reason;
}

function accountNamed(store: Store, username: string | undefined): Account {
  const account =
    username === undefined
      ? store.accounts[0]
      : store.accounts.find((a) => a.seed.username === username);
  if (account) return account;
  const known = store.accounts.map((a) => a.seed.username).join(', ');
  throw new ControlInputError(
    `issueToken: unknown username ${JSON.stringify(username)}; known: ${known}`,
  );
}

function instant(value: number | string | Date, name: string): number {
  const ms =
    typeof value === 'string' || typeof value === 'number' || value instanceof Date
      ? new Date(value).getTime()
      : NaN;
  if (Number.isNaN(ms))
    throw new ControlInputError(
      `issueToken: ${name} must be ms on the emulator clock, an ISO date-time or a Date`,
    );
  return ms;
}

function checkScopes(scopes: unknown, flavour: LoginFlavour): Scope[] {
  const [known, isKnown] =
    flavour === 'facebook'
      ? [FACEBOOK_SCOPES, isFacebookScope]
      : [INSTAGRAM_SCOPES, isInstagramScope];
  if (scopes === undefined) return [...known];
  if (!Array.isArray(scopes) || !scopes.every(isKnown)) {
    throw new ControlInputError(`issueToken: scopes must be an array of ${known.join(', ')}`);
  }
  return [...scopes];
}
