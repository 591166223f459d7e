import { randomBytes } from 'node:crypto';
import { INSTAGRAM_SCOPES, type InstagramScope } from './scopes.ts';
import type { SeedToken, TokenKind } from '../seed/seed.ts';
import type { Account, Store, Token } from '../core/store.ts';

// Lifetimes from Meta's Instagram Login token docs: short-lived 1 hour, long-lived 60 days.
export const SHORT_LIVED_SECONDS = 3600;
export const LONG_LIVED_SECONDS = 5_184_000;

export function lifetimeMs(kind: TokenKind): number {
  return (kind === 'short' ? SHORT_LIVED_SECONDS : LONG_LIVED_SECONDS) * 1000;
}

export function tokenFromSeed(seed: SeedToken, account: Account): Token {
  const kind = seed.kind ?? 'long';
  const expiresAtMs = Date.parse(seed.expiresAt);
  return {
    token: seed.token,
    account,
    kind,
    issuedAtMs:
      seed.issuedAt === undefined ? expiresAtMs - lifetimeMs(kind) : Date.parse(seed.issuedAt),
    expiresAtMs,
    scopes: seed.scopes ?? [...INSTAGRAM_SCOPES],
    revoked: seed.revoked,
    seed,
  };
}

export interface NewToken {
  account: Account;
  kind: TokenKind;
  issuedAtMs: number;
  /** Default: issued + the kind's lifetime. */
  expiresAtMs?: number;
  scopes: InstagramScope[];
  appId?: string;
}

/** Mints a fresh token string for the grant and makes it usable on every Graph route. */
export function addToken(store: Store, grant: NewToken): Token {
  const token: Token = {
    ...grant,
    token: mintTokenString(),
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

/** `IGAA` and 150 random letters and digits: the look of an Instagram User token, URL-safe as it is. */
export function mintTokenString(): string {
  let tail = '';
  while (tail.length < 150) {
    // 248 = 4 × 62: bytes above it would favour the first letters.
    for (const byte of randomBytes(160))
      if (byte < 248 && tail.length < 150) tail += ALPHANUMERIC[byte % 62];
  }
  return `IGAA${tail}`;
}
