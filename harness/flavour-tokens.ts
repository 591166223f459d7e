import type { RunningEmulator } from '../integration/emulator/index.ts';
import { findInstagramPages, GraphClient } from '../integration/graph/index.ts';

/** The two logins the same suites run on: Instagram Login and Facebook Login. */
export type LoginFlavour = 'instagram' | 'facebook';
export const LOGIN_FLAVOURS: readonly LoginFlavour[] = ['instagram', 'facebook'];

/** The emulator's Graph base of a login: graph.instagram.com's, or graph.facebook.com's (`/facebook`). */
export function graphBaseOf(emulator: RunningEmulator, flavour: LoginFlavour): string {
  return flavour === 'facebook' ? emulator.facebookGraphBase : emulator.graphBase;
}

/**
 * Tokens of a login for the first account, as a connected account holds them: Instagram Login's
 * seeded ones, or for Facebook Login a Page token found through Page discovery (`/me/accounts`)
 * and Facebook user tokens made expired or revoked. Made on demand: `control.reset()` forgets
 * minted tokens.
 */
export function flavourTokens(emulator: RunningEmulator, flavour: LoginFlavour) {
  const facebookUserToken = (
    spec: { issuedAt?: string; expiresAt?: string; username?: string } = {},
  ) => emulator.control.issueToken({ kind: 'long', flavour: 'facebook', ...spec });
  return {
    /**
     * Instagram Login: the demo token. Facebook Login: the Page token of the account `username`
     * (default the first), found through Page discovery with a Facebook user token.
     */
    async working(username?: string): Promise<string> {
      if (flavour === 'instagram') return emulator.demoToken;
      const client = new GraphClient({
        baseUrl: emulator.facebookGraphBase,
        accessToken: facebookUserToken(username === undefined ? {} : { username }),
      });
      try {
        const [page, ...more] = await findInstagramPages(client);
        if (!page || more.length > 0)
          throw new Error(`Page discovery found ${more.length + (page ? 1 : 0)} Pages, not 1`);
        return page.pageToken;
      } finally {
        await client.close();
      }
    },
    /** Expired at 2026-01-01T00:00Z, like the seed's `expired-token`. */
    expired(): string {
      if (flavour === 'instagram') return 'expired-token';
      return facebookUserToken({
        issuedAt: '2025-11-02T00:00:00Z',
        expiresAt: '2026-01-01T00:00:00Z',
      });
    },
    /** Revoked by a password change, like the seed's `revoked-token`. */
    revoked(): string {
      if (flavour === 'instagram') return 'revoked-token';
      const token = facebookUserToken();
      emulator.control.revokeToken(token, 'password_changed');
      return token;
    },
  };
}
