import { readAccessToken, validToken } from '../http/auth.ts';
import { GraphError, requiredParameter } from '../core/errors.ts';
import { jsonReply, replyForError, type Reply } from '../http/reply.ts';
import type { Store, Token } from '../core/store.ts';
import { appName } from './oauth-apps.ts';
import type { OAuthCall, OAuthDeps } from './oauth-call.ts';

// Facebook's data access clock: 90 days from consent (graph-api.md §2.6).
const DATA_ACCESS_MS = 90 * 24 * 3600_000;

/**
 * `GET /debug_token?input_token=…` (graph-api.md §2.7): called with an app token `<app id>|<app
 * secret>` or any valid Facebook token. A bad input token is an answer (`is_valid: false`), not an error.
 */
export function debugTokenRoute(deps: OAuthDeps, call: OAuthCall): Reply {
  try {
    const query = call.url.searchParams;
    checkCaller(deps, readAccessToken(query, call.request.headers));
    const input = query.get('input_token');
    if (!input) throw new GraphError(requiredParameter('input_token'));
    return jsonReply(200, { data: inspect(deps, input) });
  } catch (error) {
    if (error instanceof GraphError) return replyForError(error);
    throw error;
  }
}

function checkCaller(deps: OAuthDeps, caller: string | undefined): void {
  const [appId, secret] = caller?.split('|') ?? [];
  const app = appId === undefined ? undefined : deps.store.apps.get(appId);
  if (secret !== undefined && app?.login === 'facebook' && app.appSecret === secret) return;
  validToken(deps.store, caller, deps.clock.now(), 'facebook');
}

function inspect(deps: OAuthDeps, input: string): Record<string, unknown> {
  try {
    const token = validToken(deps.store, input, deps.clock.now(), 'facebook');
    return description(deps.store, token);
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    const { code, message, subcode } = error.spec;
    const known = deps.store.tokens.get(input);
    return {
      ...(known?.flavour === 'facebook' ? description(deps.store, known) : {}),
      is_valid: false,
      error: { code, message, ...(subcode !== undefined && { subcode }) },
    };
  }
}

function description(store: Store, token: Token): Record<string, unknown> {
  const app = token.appId === undefined ? undefined : store.apps.get(token.appId);
  const seconds = (ms: number) => (Number.isFinite(ms) ? Math.floor(ms / 1000) : 0);
  const facebook = token.account.facebook;
  return {
    app_id: token.appId ?? [...store.apps.values()].find((a) => a.login === 'facebook')?.appId,
    type: token.kind === 'page' ? 'PAGE' : 'USER',
    application: app ? appName(app) : 'Emulator app',
    data_access_expires_at: seconds(token.issuedAtMs + DATA_ACCESS_MS),
    expires_at: seconds(token.expiresAtMs),
    is_valid: true,
    issued_at: seconds(token.issuedAtMs),
    scopes: token.scopes,
    granular_scopes: token.scopes.map((scope) =>
      scope.startsWith('instagram_')
        ? { scope, target_ids: [token.account.userId] }
        : scope.startsWith('pages_')
          ? { scope, target_ids: [facebook.pageId] }
          : { scope },
    ),
    user_id: facebook.userId,
    ...(token.kind === 'page' && { profile_id: facebook.pageId }),
  };
}
