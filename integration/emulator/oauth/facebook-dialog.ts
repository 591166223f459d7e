import { consentPage } from './consent-page.ts';
import { invalidRequestPage, withQuery } from './authorize-request.ts';
import { acceptsRedirectUri, appName } from './oauth-apps.ts';
import {
  FACEBOOK_SCOPE_DESCRIPTIONS,
  type FacebookScope,
  isFacebookScope,
} from './facebook-scopes.ts';
import { INVALID_APP_ID, URL_BLOCKED, invalidScopes } from './facebook-errors.ts';
import { splitScopes } from './scopes.ts';
import { htmlReply, redirectReply, type Reply } from '../http/reply.ts';
import { readForm } from '../http/request-body.ts';
import type { Account } from '../core/store.ts';
import type { SeedApp } from '../seed/seed.ts';
import type { OAuthCall, OAuthDeps } from './oauth-call.ts';

/** A checked dialog request (www.facebook.com/{v}/dialog/oauth, graph-api.md §2.6). */
interface DialogRequest {
  app: SeedApp;
  redirectUri: string;
  scopes: FacebookScope[];
  state?: string;
}

const CARRIED = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state'];

/**
 * `GET /dialog/oauth`: the Facebook consent dialog, or with `emulator_auto=allow|deny` its answer
 * straight away; `emulator_account=<username>` picks the Page by its Instagram account.
 */
export function dialogWindowRoute(deps: OAuthDeps, call: OAuthCall): Reply {
  const params = call.url.searchParams;
  const checked = checkDialog(deps, params);
  if ('reply' in checked) return checked.reply;
  const wanted = params.get('emulator_account');
  const account =
    wanted === null
      ? deps.store.accounts[0]
      : deps.store.accounts.find((a) => a.seed.username === wanted);
  if (!account) return invalidRequestPage(`no account @${wanted ?? ''} (emulator_account)`);
  const auto = params.get('emulator_auto');
  if (auto === 'allow') return allow(deps, checked.request, account);
  if (auto === 'deny') return denyRedirect(checked.request);
  if (auto !== null) return invalidRequestPage('emulator_auto must be allow or deny');
  return htmlReply(
    200,
    consentPage({
      brand: 'Facebook',
      appName: appName(checked.request.app),
      action: `/facebook${call.route.version ? `/${call.route.version}` : ''}/dialog/oauth`,
      params: CARRIED.flatMap((name) => {
        const value = params.get(name);
        return value === null ? [] : [[name, value] as [string, string]];
      }),
      accounts: deps.store.accounts,
      selected: account,
      scopes: checked.request.scopes.map((scope) => ({
        scope,
        description: FACEBOOK_SCOPE_DESCRIPTIONS[scope],
        required: false,
      })),
    }),
  );
}

/** `POST /dialog/oauth`: Allow or Deny; any permission may be turned off, as Facebook allows. */
export async function dialogDecisionRoute(deps: OAuthDeps, call: OAuthCall): Promise<Reply> {
  const form = await readForm(call.request);
  const checked = checkDialog(deps, form);
  if ('reply' in checked) return checked.reply;
  const decision = form.get('decision');
  if (decision === 'deny') return denyRedirect(checked.request);
  const account = deps.store.accountsByUserId.get(form.get('account') ?? '');
  if (decision !== 'allow' || !account)
    return invalidRequestPage('choose a Page, then Allow or Deny');
  const declined = new Set(form.getAll('decline'));
  const scopes = checked.request.scopes.filter((scope) => !declined.has(scope));
  return allow(deps, { ...checked.request, scopes }, account);
}

function checkDialog(
  deps: OAuthDeps,
  params: URLSearchParams,
): { request: DialogRequest } | { reply: Reply } {
  const app = deps.store.apps.get(params.get('client_id') ?? '');
  if (app?.login !== 'facebook') return { reply: invalidRequestPage(INVALID_APP_ID) };
  const redirectUri = params.get('redirect_uri') ?? '';
  if (!acceptsRedirectUri(app, redirectUri)) return { reply: invalidRequestPage(URL_BLOCKED) };
  const responseType = params.get('response_type') ?? 'code';
  if (responseType !== 'code')
    return {
      reply: invalidRequestPage('response_type must be code (the emulator has no token flow)'),
    };
  const requested = splitScopes(params.get('scope') ?? '');
  const unknown = requested.filter((scope) => !isFacebookScope(scope));
  if (unknown.length > 0) return { reply: invalidRequestPage(invalidScopes(unknown)) };
  const state = params.get('state') || undefined;
  return { request: { app, redirectUri, scopes: requested as FacebookScope[], state } };
}

/** Facebook appends `#_=_` to its redirects. */
function allow(deps: OAuthDeps, request: DialogRequest, account: Account): Reply {
  const grant = {
    appId: request.app.appId,
    redirectUri: request.redirectUri,
    account,
    scopes: request.scopes,
  };
  const code = deps.oauth.codes.issue(grant, deps.clock.now());
  return redirectReply(`${withQuery(request.redirectUri, { code, state: request.state })}#_=_`);
}

function denyRedirect(request: DialogRequest): Reply {
  const denied = {
    error: 'access_denied',
    error_code: '200',
    error_description: 'Permissions error',
    error_reason: 'user_denied',
    state: request.state,
  };
  return redirectReply(`${withQuery(request.redirectUri, denied)}#_=_`);
}
