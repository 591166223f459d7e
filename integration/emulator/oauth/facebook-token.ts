import { validToken } from '../http/auth.ts';
import { GraphError, invalidClientSecret, requiredParameter } from '../core/errors.ts';
import { jsonReply, replyForError, type Reply } from '../http/reply.ts';
import {
  codeExpired,
  codeUsed,
  invalidApplication,
  invalidCode,
  missingClientId,
  missingRedirectUri,
  pageTokenNotExchangeable,
  redirectUriMismatch,
} from './facebook-errors.ts';
import type { SeedApp } from '../seed/seed.ts';
import type { Token } from '../core/store.ts';
import { addToken, type NewToken } from './tokens.ts';
import type { OAuthCall, OAuthDeps } from './oauth-call.ts';

/**
 * `GET /oauth/access_token` on graph.facebook.com: a dialog code for a short-lived user token, or
 * with `grant_type=fb_exchange_token` a user token for a long-lived one (60 days from now). There is
 * no refresh endpoint: running the exchange again before expiry is how a Facebook token is extended.
 */
export function facebookAccessTokenRoute(deps: OAuthDeps, call: OAuthCall): Reply {
  try {
    const query = call.url.searchParams;
    const app = checkApp(deps, query);
    const token =
      query.get('grant_type') === 'fb_exchange_token'
        ? exchange(deps, app, query)
        : redeemCode(deps, app, query);
    const expiresIn = Math.round((token.expiresAtMs - token.issuedAtMs) / 1000);
    return jsonReply(200, {
      access_token: token.token,
      token_type: 'bearer',
      expires_in: expiresIn,
    });
  } catch (error) {
    if (error instanceof GraphError) return replyForError(error);
    throw error;
  }
}

function checkApp(deps: OAuthDeps, query: URLSearchParams): SeedApp {
  const clientId = query.get('client_id');
  if (!clientId) throw new GraphError(missingClientId());
  const app = deps.store.apps.get(clientId);
  if (app?.login !== 'facebook') throw new GraphError(invalidApplication());
  const secret = query.get('client_secret');
  if (!secret) throw new GraphError(requiredParameter('client_secret'));
  if (secret !== app.appSecret) throw new GraphError(invalidClientSecret());
  return app;
}

/** The code is used up only when everything checks out, so a mistyped redirect URI does not burn it. */
function redeemCode(deps: OAuthDeps, app: SeedApp, query: URLSearchParams): Token {
  const redirectUri = query.get('redirect_uri');
  if (redirectUri === null) throw new GraphError(missingRedirectUri());
  const code = query.get('code')?.replace(/#_=_$/, '');
  if (!code) throw new GraphError(requiredParameter('code'));
  const nowMs = deps.clock.now();
  const state = deps.oauth.codes.state(code, nowMs);
  if (state === 'used') throw new GraphError(codeUsed());
  if (state === 'expired') throw new GraphError(codeExpired());
  const grant = deps.oauth.codes.find(code, nowMs);
  if (!grant || grant.appId !== app.appId) throw new GraphError(invalidCode());
  if (grant.redirectUri !== redirectUri) throw new GraphError(redirectUriMismatch());
  deps.oauth.codes.use(code);
  return mint(deps, { account: grant.account, scopes: grant.scopes, appId: app.appId }, 'short');
}

function exchange(deps: OAuthDeps, app: SeedApp, query: URLSearchParams): Token {
  const given = query.get('fb_exchange_token');
  if (!given) throw new GraphError(requiredParameter('fb_exchange_token'));
  const user = validToken(deps.store, given, deps.clock.now(), 'facebook');
  if (user.kind === 'page') throw new GraphError(pageTokenNotExchangeable());
  if (user.appId !== undefined && user.appId !== app.appId)
    throw new GraphError(invalidApplication());
  return mint(deps, { account: user.account, scopes: user.scopes, appId: app.appId }, 'long');
}

function mint(
  deps: OAuthDeps,
  grant: Pick<NewToken, 'account' | 'scopes' | 'appId'>,
  kind: 'short' | 'long',
): Token {
  return addToken(deps.store, {
    ...grant,
    flavour: 'facebook',
    kind,
    issuedAtMs: deps.clock.now(),
  });
}
