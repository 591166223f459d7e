import type { APIRoute } from 'astro';
import { GraphError } from '../graph/index.ts';
import type { StateStore } from '../store/index.ts';
import { serverLog } from '../shared/log.ts';
import { problemPage, stateProblem } from './oauth-answers.ts';
import { checkState, createState, PENDING_STATE_KEY, type PendingState } from './oauth-state.ts';
import { backToAdmin, jsonError, redirect } from './respond.ts';
import { getServices, type Services } from './services.ts';

/**
 * One way of connecting an account (Instagram Login, Facebook Login): its settings, its dialog
 * and what a code turns into. The start and callback routes around it are the same for both.
 */
export interface OAuthLogin<S> {
  /** "Instagram" or "Facebook": who the admin was sent to. */
  site: 'Instagram' | 'Facebook';
  settings: (config: Services['config']) => S | undefined;
  /** What to set when `settings` gives nothing. */
  notConfigured: string;
  dialogUrl: (settings: S, state: string) => string;
  /** Stores what the code gives; the success notice for /admin. */
  connect: (code: string, settings: S, store: StateStore) => Promise<string>;
  /** The start of the failure notice ("Connecting the account failed") and of its log line. */
  failure: { notice: string; log: string };
  /** An expected refusal whose message is the notice itself (e.g. no Instagram account on the Page). */
  isPlainRefusal?: (error: unknown) => error is Error;
}

/** GET …/start: off to the login's dialog, with a state bound to this session. */
export function oauthStartRoute<S>(login: OAuthLogin<S>): APIRoute {
  return async ({ session }) => {
    const services = await getServices();
    const settings = login.settings(services.config);
    if (!settings) return jsonError(503, 'not_configured', login.notConfigured);
    const sessionId = session?.sessionID;
    if (!session || !sessionId)
      return jsonError(
        400,
        'no_session',
        'Connecting an account needs a logged-in browser session (/admin/login).',
      );
    const { state, pending } = createState(services.stateKey, sessionId);
    session.set(PENDING_STATE_KEY, pending);
    return redirect(login.dialogUrl(settings, state), 302);
  };
}

/** GET …/callback: the dialog sends the admin back here with a code or an error. */
export function oauthCallbackRoute<S>(login: OAuthLogin<S>): APIRoute {
  return async ({ url, session }) => {
    const services = await getServices();
    const settings = login.settings(services.config);
    if (!settings) return jsonError(503, 'not_configured', login.notConfigured);
    const pending = (await session?.get(PENDING_STATE_KEY)) as PendingState | undefined;
    session?.delete(PENDING_STATE_KEY); // single use, whatever happens next
    const check = checkState(
      services.stateKey,
      session?.sessionID ?? '',
      url.searchParams.get('state'),
      pending,
    );
    if (check !== 'ok')
      return problemPage(
        400,
        'Connection refused',
        `${stateProblem(check, login.site)} Nothing was connected; start again from /admin.`,
      );
    const error = url.searchParams.get('error');
    if (error) {
      const denied = error === 'access_denied';
      return backToAdmin(
        session,
        denied
          ? `${login.site} connection cancelled: nothing was connected.`
          : `${login.site} said: ${url.searchParams.get('error_description') ?? error}`,
        denied ? 'ok' : 'error',
      );
    }
    const code = url.searchParams.get('code');
    if (!code)
      return problemPage(
        400,
        'Connection refused',
        `The answer from ${login.site} has no code. Start again from /admin.`,
      );
    try {
      return backToAdmin(session, await login.connect(code, settings, services.store));
    } catch (error) {
      if (login.isPlainRefusal?.(error)) return backToAdmin(session, error.message, 'error');
      const detail = error instanceof GraphError ? error.message : 'an unexpected error';
      serverLog.error(`${login.failure.log}: ${detail}`);
      return backToAdmin(session, `${login.failure.notice}: ${detail}. Try again.`, 'error');
    }
  };
}
