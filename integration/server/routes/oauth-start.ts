import type { APIRoute } from 'astro';
import { authorizeUrl } from '../../oauth/index.ts';
import { createState, PENDING_STATE_KEY } from '../oauth-state.ts';
import { jsonError, redirect } from '../respond.ts';
import { getServices } from '../services.ts';
import { oauthSettings } from '../oauth-settings.ts';

export const prerender = false;

/** GET /api/instagram/oauth/start: off to Instagram's consent window, with a state bound to this session. */
export const GET: APIRoute = async ({ session }) => {
  const services = await getServices();
  const settings = oauthSettings(services.config);
  if (!settings) {
    return jsonError(
      503,
      'not_configured',
      'Set INSTAGRAM_APP_ID and INSTAGRAM_APP_SECRET (the Instagram app from the Meta dashboard) to connect accounts.',
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
  return redirect(authorizeUrl(settings, state), 302);
};
