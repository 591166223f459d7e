import type { Grant } from './oauth-codes.ts';
import {
  CODE_NOT_FOUND,
  INVALID_GRANT_TYPE,
  INVALID_PLATFORM_APP,
  INVALID_REDIRECT_URI,
  missingField,
  OAuthError,
  oauthErrorReply,
} from './oauth-errors.ts';
import type { OAuthResponseShape } from './oauth-state.ts';
import { rawJsonReply, type Reply } from '../http/reply.ts';
import { readForm } from '../http/request-body.ts';
import type { Token } from '../core/store.ts';
import { addToken } from './tokens.ts';
import type { OAuthCall, OAuthDeps } from './oauth-call.ts';

/** `POST /oauth/access_token`: an authorization code for a short-lived token (1 hour). */
export async function codeExchangeRoute(deps: OAuthDeps, call: OAuthCall): Promise<Reply> {
  const form = await readForm(call.request);
  try {
    const grant = redeem(deps, form);
    const { account, scopes, appId } = grant;
    const token = addToken(deps.store, {
      account,
      scopes,
      appId,
      kind: 'short',
      issuedAtMs: deps.clock.now(),
    });
    return rawJsonReply(200, tokenBody(deps.oauth.responseShape, token));
  } catch (error) {
    if (error instanceof OAuthError) return oauthErrorReply(error.message);
    throw error;
  }
}

/** The code is used up only when everything else checks out, so a mistyped secret does not burn it. */
function redeem(deps: OAuthDeps, form: URLSearchParams): Grant {
  const field = (name: string): string => {
    const value = form.get(name);
    if (!value) throw new OAuthError(missingField(name));
    return value;
  };
  const app = deps.store.apps.get(field('client_id'));
  if (!app || app.login === 'facebook' || app.appSecret !== field('client_secret'))
    throw new OAuthError(INVALID_PLATFORM_APP);
  if (field('grant_type') !== 'authorization_code') throw new OAuthError(INVALID_GRANT_TYPE);
  const redirectUri = field('redirect_uri');
  const code = field('code').replace(/#_$/, '');
  const grant = deps.oauth.codes.find(code, deps.clock.now());
  if (!grant || grant.appId !== app.appId) throw new OAuthError(CODE_NOT_FOUND);
  if (grant.redirectUri !== redirectUri) throw new OAuthError(INVALID_REDIRECT_URI);
  deps.oauth.codes.use(code);
  return grant;
}

function tokenBody(shape: OAuthResponseShape, token: Token): string {
  if (shape === 'doc') {
    return JSON.stringify({
      data: [
        {
          access_token: token.token,
          user_id: token.account.userId,
          permissions: token.scopes.join(','),
        },
      ],
    });
  }
  // user_id is a bare JSON number with all its digits, as Instagram writes it: past 2^53, a JS number would round it.
  return `{"access_token":${JSON.stringify(token.token)},"user_id":${token.account.userId},"permissions":${JSON.stringify(token.scopes)}}`;
}
