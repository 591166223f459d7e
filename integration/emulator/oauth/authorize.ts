import {
  carriedParams,
  checkAuthorize,
  codeRedirect,
  denyRedirect,
  invalidRequestPage,
  type AuthorizeRequest,
} from './authorize-request.ts';
import { consentPage } from './consent-page.ts';
import { appName } from './oauth-apps.ts';
import { BASIC_SCOPE, SCOPE_DESCRIPTIONS } from './scopes.ts';
import { htmlReply, type Reply } from '../http/reply.ts';
import { readForm } from '../http/request-body.ts';
import type { Account } from '../core/store.ts';
import type { OAuthCall, OAuthDeps } from './oauth-call.ts';

/**
 * `GET /oauth/authorize`: the consent page, or with `emulator_auto=allow|deny` its answer straight
 * away; `emulator_account=<username>` picks the account.
 */
export function authorizeWindowRoute(deps: OAuthDeps, call: OAuthCall): Reply {
  const params = call.url.searchParams;
  const checked = checkAuthorize(deps.store, params);
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
      appName: appName(checked.request.app),
      action: `${call.route.version ? `/${call.route.version}` : ''}/oauth/authorize`,
      params: carriedParams(params),
      accounts: deps.store.accounts,
      selected: account,
      scopes: checked.request.scopes.map((scope) => ({
        scope,
        description: SCOPE_DESCRIPTIONS[scope],
        required: scope === BASIC_SCOPE,
      })),
    }),
  );
}

/** `POST /oauth/authorize`: the consent form's Allow or Deny; the carried parameters are checked again. */
export async function authorizeDecisionRoute(deps: OAuthDeps, call: OAuthCall): Promise<Reply> {
  const form = await readForm(call.request);
  const checked = checkAuthorize(deps.store, form);
  if ('reply' in checked) return checked.reply;
  const decision = form.get('decision');
  if (decision === 'deny') return denyRedirect(checked.request);
  const account = deps.store.accountsByUserId.get(form.get('account') ?? '');
  if (decision !== 'allow' || !account)
    return invalidRequestPage('choose an account, then Allow or Deny');
  // Permissions turned off on the consent page are left out of the grant (never the basic one).
  const declined = new Set(form.getAll('decline').filter((scope) => scope !== BASIC_SCOPE));
  const scopes = checked.request.scopes.filter((scope) => !declined.has(scope));
  return allow(deps, { ...checked.request, scopes }, account);
}

function allow(deps: OAuthDeps, request: AuthorizeRequest, account: Account): Reply {
  const grant = {
    appId: request.app.appId,
    redirectUri: request.redirectUri,
    account,
    scopes: request.scopes,
  };
  return codeRedirect(request, deps.oauth.codes.issue(grant, deps.clock.now()));
}
