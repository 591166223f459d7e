import type { APIRoute } from 'astro';
import { facebookDialogUrl } from '../../oauth/index.ts';
import { createState, PENDING_STATE_KEY } from '../oauth-state.ts';
import { jsonError, redirect } from '../respond.ts';
import { getServices } from '../services.ts';
import { facebookOAuthSettings } from '../oauth-settings.ts';

export const prerender = false;

/** GET /api/instagram/oauth/facebook/start: off to the Facebook Login dialog, with a state bound to this session. */
export const GET: APIRoute = async ({ session }) => {
  const services = await getServices();
  const settings = facebookOAuthSettings(services.config);
  if (!settings) {
    return jsonError(
      503,
      'not_configured',
      'Set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET (the Meta app, App settings → Basic) to connect accounts with Facebook Login.',
    );
  }
  const sessionId = session?.sessionID;
  if (!session || !sessionId)
    return jsonError(
      400,
      'no_session',
      'Connecting an account needs a logged-in browser session (/admin/login).',
    );
  const { state, pending } = createState(services.stateKey, sessionId);
  session.set(PENDING_STATE_KEY, pending);
  return redirect(facebookDialogUrl(settings, state), 302);
};
