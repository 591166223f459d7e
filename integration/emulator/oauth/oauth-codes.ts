import { randomBytes } from 'node:crypto';
import type { Account, Scope } from '../core/store.ts';

// Authorization codes live 1 hour and are single use (Meta's Business Login docs).
const CODE_TTL_MS = 3600_000;

/** What the user allowed at the authorize window; a code stands for it until exchanged. */
export interface Grant {
  appId: string;
  redirectUri: string;
  account: Account;
  scopes: Scope[];
}

/** Why a code does not redeem, for the Facebook exchange that says so. */
export type CodeState = 'valid' | 'used' | 'expired' | 'unknown';

export interface CodeBook {
  issue(grant: Grant, nowMs: number): string;
  /** The grant behind a code that is neither used nor expired; it stays usable until `use`. */
  find(code: string, nowMs: number): Grant | undefined;
  use(code: string): void;
  state(code: string, nowMs: number): CodeState;
  clear(): void;
}

export function createCodeBook(): CodeBook {
  const codes = new Map<string, Grant & { expiresAtMs: number }>();
  const used = new Set<string>();
  return {
    issue(grant, nowMs) {
      // `AQ…` with `-` and `_`, like the codes Instagram hands out.
      const code = `AQ${randomBytes(96).toString('base64url')}`;
      codes.set(code, { ...grant, expiresAtMs: nowMs + CODE_TTL_MS });
      return code;
    },
    find(code, nowMs) {
      const pending = codes.get(code);
      if (pending && pending.expiresAtMs <= nowMs) codes.delete(code);
      return pending && pending.expiresAtMs > nowMs ? pending : undefined;
    },
    use(code) {
      codes.delete(code);
      used.add(code);
    },
    state(code, nowMs) {
      if (used.has(code)) return 'used';
      const pending = codes.get(code);
      if (!pending) return 'unknown';
      return pending.expiresAtMs > nowMs ? 'valid' : 'expired';
    },
    clear() {
      codes.clear();
      used.clear();
    },
  };
}
