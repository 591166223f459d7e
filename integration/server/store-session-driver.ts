import { createHash } from 'node:crypto';
import type { SessionDriver } from 'astro';
import type { StateStore } from '../store/index.ts';

/** The options of the state-store session driver, as the integration writes them into astro.config. */
export interface StoreSessionDriverOptions {
  /** How long a session is kept after it was last written: the site's `session.ttl`. Default: a day. */
  ttlSeconds?: number;
}

export const DEFAULT_SESSION_TTL_SECONDS = 86_400;
const SCOPE = 'astro session';

type SessionStore = Pick<StateStore, 'putExpiring' | 'getExpiring' | 'deleteExpiring'>;

/**
 * An Astro session driver (the three methods of an unstorage driver Astro calls) that keeps each
 * session as an expiring value in the state store, so a session made on one server instance is
 * read on every other. Astro hands it the session serialised as one string. Stored under a hash
 * of the session id: a copy of the database does not hold cookies that would log anyone in.
 */
export function sessionDriverOnStore(
  store: () => Promise<SessionStore>,
  { ttlSeconds = DEFAULT_SESSION_TTL_SECONDS }: StoreSessionDriverOptions = {},
  now: () => number = Date.now,
): SessionDriver {
  const at = () => new Date(now()).toISOString();
  return {
    async getItem(sessionId: string) {
      return (await (await store()).getExpiring<string>(SCOPE, keyOf(sessionId), at())) ?? null;
    },
    async setItem(sessionId: string, value: unknown) {
      const expiresAt = new Date(now() + ttlSeconds * 1000).toISOString();
      await (await store()).putExpiring(SCOPE, keyOf(sessionId), value, expiresAt);
    },
    async removeItem(sessionId: string) {
      await (await store()).deleteExpiring(SCOPE, keyOf(sessionId));
    },
  };
}

const keyOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');
