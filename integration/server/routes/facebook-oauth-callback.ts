import type { APIRoute } from 'astro';
import { GraphError } from '../../graph/index.ts';
import { connectWithFacebookCode, NoInstagramPageError } from '../../oauth/index.ts';
import { problemPage, stateProblem } from '../oauth-answers.ts';
import { checkState, PENDING_STATE_KEY, type PendingState } from '../oauth-state.ts';
import { facebookOAuthSettings } from '../oauth-settings.ts';
import { backToAdmin, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';
import { serverLog } from '../../shared/log.ts';

export const prerender = false;

/** GET /api/instagram/oauth/facebook/callback: the Facebook dialog sends the admin back here. */
export const GET: APIRoute = async ({ url, session }) => {
  const services = await getServices();
  const settings = facebookOAuthSettings(services.config);
  if (!settings)
    return jsonError(
      503,
      'not_configured',
      'Set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET to connect accounts with Facebook Login.',
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
      `${stateProblem(check, 'Facebook')} Nothing was connected; start again from /admin.`,
    );
  }
  if (url.searchParams.get('error')) {
    const denied = url.searchParams.get('error') === 'access_denied';
    return backToAdmin(
      session,
      denied
        ? 'Facebook connection cancelled: nothing was connected.'
        : `Facebook said: ${url.searchParams.get('error_description') ?? url.searchParams.get('error')}`,
      denied ? 'ok' : 'error',
    );
  }
  const code = url.searchParams.get('code');
  if (!code)
    return problemPage(
      400,
      'Connection refused',
      'The answer from Facebook has no code. Start again from /admin.',
    );
  try {
    const accounts = await connectWithFacebookCode(code, settings, services.store);
    const names = accounts.map((account) => `@${account.username}`).join(', ');
    return backToAdmin(session, `Connected ${names} with Facebook Login.`);
  } catch (error) {
    if (error instanceof NoInstagramPageError) return backToAdmin(session, error.message, 'error');
    const detail = error instanceof GraphError ? error.message : 'an unexpected error';
    serverLog.error(`connecting an account with Facebook failed: ${detail}`);
    return backToAdmin(session, `Connecting with Facebook failed: ${detail}. Try again.`, 'error');
  }
};
