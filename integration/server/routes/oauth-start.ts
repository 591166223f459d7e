import { oauthStartRoute } from '../oauth-login-routes.ts';
import { INSTAGRAM_LOGIN } from '../oauth-logins.ts';

export const prerender = false;

/** GET /api/instagram/oauth/start: off to Instagram's consent window, with a state bound to this session. */
export const GET = oauthStartRoute(INSTAGRAM_LOGIN);
