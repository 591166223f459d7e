import { oauthStartRoute } from '../oauth-login-routes.ts';
import { FACEBOOK_LOGIN } from '../oauth-logins.ts';

export const prerender = false;

/** GET /api/instagram/oauth/facebook/start: off to the Facebook Login dialog, with a state bound to this session. */
export const GET = oauthStartRoute(FACEBOOK_LOGIN);
