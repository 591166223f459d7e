import { readAccessToken, validToken } from '../http/auth.ts';
import {
  alreadyLongLived,
  GraphError,
  invalidClientSecret,
  missingPermission,
  notLongLived,
  refreshTooEarly,
  requiredParameter,
  wrongGrantType,
} from '../core/errors.ts';
import { jsonReply, replyForError, type Reply } from '../http/reply.ts';
import { BASIC_SCOPE } from './scopes.ts';
import type { Store, Token } from '../core/store.ts';
import { addToken } from './tokens.ts';
import type { OAuthCall, OAuthDeps } from './oauth-call.ts';

const REFRESH_MIN_AGE_MS = 24 * 3600_000;

/** `GET /access_token?grant_type=ig_exchange_token`: a short-lived token for a long-lived one (60 days). */
export function exchangeRoute(deps: OAuthDeps, call: OAuthCall): Reply {
  return graphAnswer(() => {
    const short = tokenFor(deps, call, 'ig_exchange_token');
    checkClientSecret(deps.store, short, call.url.searchParams.get('client_secret'));
    if (short.kind !== 'short') throw new GraphError(alreadyLongLived());
    return longLivedAnswer(deps, short);
  });
}

/**
 * `GET /refresh_access_token?grant_type=ig_refresh_token`: Meta's rules: long-lived, at least 24 h
 * old, unexpired, `instagram_business_basic` still granted. The old token keeps working until it expires.
 */
export function refreshRoute(deps: OAuthDeps, call: OAuthCall): Reply {
  return graphAnswer(() => {
    const long = tokenFor(deps, call, 'ig_refresh_token');
    if (long.kind !== 'long') throw new GraphError(notLongLived());
    if (deps.clock.now() - long.issuedAtMs < REFRESH_MIN_AGE_MS)
      throw new GraphError(refreshTooEarly());
    if (!long.scopes.includes(BASIC_SCOPE)) throw new GraphError(missingPermission());
    return longLivedAnswer(deps, long);
  });
}

function tokenFor(deps: OAuthDeps, call: OAuthCall, grantType: string): Token {
  const query = call.url.searchParams;
  if (query.get('grant_type') !== grantType) throw new GraphError(wrongGrantType(grantType));
  return validToken(deps.store, readAccessToken(query, call.request.headers), deps.clock.now());
}

/** A token minted by the OAuth routes checks against its own app; others against any seeded app. */
function checkClientSecret(store: Store, token: Token, secret: string | null): void {
  if (!secret) throw new GraphError(requiredParameter('client_secret'));
  const apps = token.appId === undefined ? [...store.apps.values()] : [store.apps.get(token.appId)];
  if (!apps.some((app) => app?.appSecret === secret)) throw new GraphError(invalidClientSecret());
}

function longLivedAnswer(deps: OAuthDeps, from: Token): Reply {
  const { account, scopes, appId } = from;
  const token = addToken(deps.store, {
    account,
    scopes,
    appId,
    kind: 'long',
    issuedAtMs: deps.clock.now(),
  });
  const expiresIn = Math.round((token.expiresAtMs - token.issuedAtMs) / 1000);
  return jsonReply(200, { access_token: token.token, token_type: 'bearer', expires_in: expiresIn });
}

function graphAnswer(answer: () => Reply): Reply {
  try {
    return answer();
  } catch (error) {
    if (error instanceof GraphError) return replyForError(error);
    throw error;
  }
}
