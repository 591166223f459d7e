import { withGraphHeaders } from '../http/graph.ts';
import type { Reply } from '../http/reply.ts';
import type { OAuthRouteKey } from '../http/router.ts';
import { authorizeDecisionRoute, authorizeWindowRoute } from './authorize.ts';
import { codeExchangeRoute } from './code-exchange.ts';
import { debugTokenRoute } from './debug-token.ts';
import { dialogDecisionRoute, dialogWindowRoute } from './facebook-dialog.ts';
import { facebookAccessTokenRoute } from './facebook-token.ts';
import type { OAuthCall, OAuthDeps, OAuthRoute } from './oauth-call.ts';
import { exchangeRoute, refreshRoute } from './token-exchange.ts';

// Instagram serves these on three hosts (www.instagram.com, api.instagram.com, graph.instagram.com),
// Facebook on two (www.facebook.com, graph.facebook.com); the emulator on one, Facebook's under `/facebook`.
const OAUTH_ROUTES: Record<OAuthRouteKey, OAuthRoute> = {
  'GET /oauth/authorize': authorizeWindowRoute,
  'POST /oauth/authorize': authorizeDecisionRoute,
  'POST /oauth/access_token': codeExchangeRoute,
  'GET /access_token': (deps, call) =>
    withGraphHeaders(exchangeRoute(deps, call), call.route.version),
  'GET /refresh_access_token': (deps, call) =>
    withGraphHeaders(refreshRoute(deps, call), call.route.version),
  'GET /dialog/oauth': dialogWindowRoute,
  'POST /dialog/oauth': dialogDecisionRoute,
  'GET /oauth/access_token': (deps, call) =>
    withGraphHeaders(facebookAccessTokenRoute(deps, call), call.route.version),
  'GET /debug_token': (deps, call) =>
    withGraphHeaders(debugTokenRoute(deps, call), call.route.version),
};

/** An Instagram or Facebook Login route: not behind a token check or the call budget, each route checks what it needs. */
export function answerOAuth(deps: OAuthDeps, key: OAuthRouteKey, call: OAuthCall): Promise<Reply> {
  return Promise.resolve(OAUTH_ROUTES[key](deps, call));
}
