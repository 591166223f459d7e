import { randomBytes } from 'node:crypto';
import { FACEBOOK_SCOPES } from './facebook-scopes.ts';
import type { LoginFlavour } from '../core/flavour.ts';
import { INSTAGRAM_SCOPES } from './scopes.ts';
import type { SeedToken, TokenKind } from '../seed/seed.ts';
import type { Account, Scope, Store, Token } from '../core/store.ts';

// Lifetimes from Meta's Instagram Login token docs: short-lived 1 hour, long-lived 60 days.
export const SHORT_LIVED_SECONDS = 3600;
export const LONG_LIVED_SECONDS = 5_184_000;

export function lifetimeMs(kind: TokenKind | 'page'): number {
  // Page tokens from a long-lived user token never expire (graph-api.md §2.6).
  if (kind === 'page') return Number.POSITIVE_INFINITY;
  return (kind === 'short' ? SHORT_LIVED_SECONDS : LONG_LIVED_SECONDS) * 1000;
}

export function tokenFromSeed(seed: SeedToken, account: Account): Token {
  const kind = seed.kind ?? 'long';
  const expiresAtMs = Date.parse(seed.expiresAt);
  const flavour = seed.flavour ?? 'instagram';
  return {
    token: seed.token,
    account,
    flavour,
    kind,
    issuedAtMs:
      seed.issuedAt === undefined ? expiresAtMs - lifetimeMs(kind) : Date.parse(seed.issuedAt),
    expiresAtMs,
    scopes: seed.scopes ?? [...(flavour === 'facebook' ? FACEBOOK_SCOPES : INSTAGRAM_SCOPES)],
    revoked: seed.revoked,
    seed,
  };
}

export interface NewToken {
  account: Account;
  /** Default `instagram`. */
  flavour?: LoginFlavour;
  kind: TokenKind | 'page';
  issuedAtMs: number;
  /** Default: issued + the kind's lifetime. */
  expiresAtMs?: number;
  scopes: Scope[];
  appId?: string;
}

/** Mints a fresh token string for the grant and makes it usable on every Graph route. */
export function addToken(store: Store, grant: NewToken): Token {
  const flavour = grant.flavour ?? 'instagram';
  const token: Token = {
    ...grant,
    flavour,
    token: mintTokenString(flavour),
    expiresAtMs: grant.expiresAtMs ?? grant.issuedAtMs + lifetimeMs(grant.kind),
  };
  store.tokens.set(token.token, token);
  return token;
}

/** Back to the tokens as seeded: minted ones forgotten, revocations undone. */
export function resetTokens(store: Store): void {
  for (const [key, token] of store.tokens) {
    if (token.seed) token.revoked = token.seed.revoked;
    else store.tokens.delete(key);
  }
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * `IGAA` (or `EAA` for Facebook tokens) and 150 random letters and digits: the look of an
 * Instagram User token or a Facebook one, URL-safe as it is.
 */
export function mintTokenString(flavour: LoginFlavour = 'instagram'): string {
  let tail = '';
  while (tail.length < 150) {
    // 248 = 4 × 62: bytes above it would favour the first letters.
    for (const byte of randomBytes(160))
      if (byte < 248 && tail.length < 150) tail += ALPHANUMERIC[byte % 62];
  }
  return `${flavour === 'facebook' ? 'EAA' : 'IGAA'}${tail}`;
}
