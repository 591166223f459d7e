import { errorPage } from './consent-page.ts';
import { acceptsRedirectUri } from './oauth-apps.ts';
import { INVALID_PLATFORM_APP, INVALID_REDIRECT_URI } from './oauth-errors.ts';
import { htmlReply, redirectReply, type Reply } from '../http/reply.ts';
import { BASIC_SCOPE, isInstagramScope, splitScopes, type InstagramScope } from './scopes.ts';
import type { SeedApp } from '../seed/seed.ts';
import type { Store } from '../core/store.ts';

/** A checked authorize request: the app, where to send the user back, what they are asked for. */
export interface AuthorizeRequest {
  app: SeedApp;
  redirectUri: string;
  scopes: InstagramScope[];
  state?: string;
}

/** The parameters the consent form carries over to its POST, as they came. */
const CARRIED = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state'];

export function carriedParams(params: URLSearchParams): [string, string][] {
  return CARRIED.flatMap((name) => {
    const value = params.get(name);
    return value === null ? [] : [[name, value] as [string, string]];
  });
}

/**
 * The app and redirect URI first: when either is bad the window shows an error page, as it must
 * never send the user to an unchecked URI. Other problems go back to the redirect URI as OAuth errors.
 */
export function checkAuthorize(
  store: Store,
  params: URLSearchParams,
): { request: AuthorizeRequest } | { reply: Reply } {
  const app = store.apps.get(params.get('client_id') ?? '');
  // A Meta app id (Facebook Login) is not an Instagram app id.
  if (!app || app.login === 'facebook') return { reply: invalidRequestPage(INVALID_PLATFORM_APP) };
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!acceptsRedirectUri(app, redirectUri))
    return { reply: invalidRequestPage(INVALID_REDIRECT_URI) };
  const state = params.get('state') || undefined;
  const back = (error: string, description: string) => ({
    reply: redirectReply(withQuery(redirectUri, { error, error_description: description, state })),
  });
  if (params.get('response_type') !== 'code')
    return back('unsupported_response_type', 'response_type must be code');
  const requested = splitScopes(params.get('scope') ?? '');
  const unknown = requested.filter((scope) => !isInstagramScope(scope));
  if (unknown.length > 0)
    return back('invalid_scope', `Invalid scope field(s): ${unknown.join(',')}`);
  // Meta's authorize reference: instagram_business_basic is required.
  if (!requested.includes(BASIC_SCOPE))
    return back('invalid_scope', `Invalid scope field(s): ${BASIC_SCOPE} is required`);
  return { request: { app, redirectUri, scopes: requested as InstagramScope[], state } };
}

export function invalidRequestPage(message: string): Reply {
  return htmlReply(400, errorPage(message));
}

/** Instagram appends `#_` after the code; clients strip it. */
export function codeRedirect(request: AuthorizeRequest, code: string): Reply {
  return redirectReply(`${withQuery(request.redirectUri, { code, state: request.state })}#_`);
}

export function denyRedirect(request: AuthorizeRequest): Reply {
  const denied = {
    error: 'access_denied',
    error_reason: 'user_denied',
    error_description: 'The user denied your request',
  };
  return redirectReply(withQuery(request.redirectUri, { ...denied, state: request.state }));
}

/** Adds to the URI's own query, if it has one; spaces become `+` as in Instagram's redirects. */
export function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const joiner = !uri.includes('?') ? '?' : /[?&]$/.test(uri) ? '' : '&';
  return `${uri}${joiner}${query}`;
}
