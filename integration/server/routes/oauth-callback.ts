import type { APIRoute } from 'astro';
import { GraphError } from '../../graph/index.ts';
import { connectWithCode } from '../../oauth/index.ts';
import { problemPage, stateProblem } from '../oauth-answers.ts';
import { checkState, PENDING_STATE_KEY, type PendingState } from '../oauth-state.ts';
import { oauthSettings } from '../oauth-settings.ts';
import { backToAdmin, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';
import { serverLog } from '../../shared/log.ts';

export const prerender = false;

/** GET /api/instagram/oauth/callback: Instagram sends the admin back here with a code or an error. */
export const GET: APIRoute = async ({ url, session }) => {
  const services = await getServices();
  const settings = oauthSettings(services.config);
  if (!settings)
    return jsonError(
      503,
      'not_configured',
      'Set INSTAGRAM_APP_ID and INSTAGRAM_APP_SECRET to connect accounts.',
    );
  const pending = (await session?.get(PENDING_STATE_KEY)) as PendingState | undefined;
  session?.delete(PENDING_STATE_KEY); // single use, whatever happens next
  const check = checkState(
    services.stateKey,
    session?.sessionID ?? '',
    url.searchParams.get('state'),
    pending,
  );
  if (check !== 'ok') {
    return problemPage(
      400,
      'Connection refused',
      `${stateProblem(check, 'Instagram')} Nothing was connected; start again from /admin.`,
    );
  }
  if (url.searchParams.get('error')) {
    const denied = url.searchParams.get('error') === 'access_denied';
    return backToAdmin(
      session,
      denied
        ? 'Instagram connection cancelled: nothing was connected.'
        : `Instagram said: ${url.searchParams.get('error_description') ?? url.searchParams.get('error')}`,
      denied ? 'ok' : 'error',
    );
  }
  const code = url.searchParams.get('code');
  if (!code)
    return problemPage(
      400,
      'Connection refused',
      'The answer from Instagram has no code. Start again from /admin.',
    );
  try {
    const account = await connectWithCode(code, settings, services.store);
    return backToAdmin(session, `Connected @${account.username}.`);
  } catch (error) {
    const detail = error instanceof GraphError ? error.message : 'an unexpected error';
    serverLog.error(`connecting an account failed: ${detail}`);
    return backToAdmin(session, `Connecting the account failed: ${detail}. Try again.`, 'error');
  }
};
