import { oauthCallbackRoute } from '../oauth-login-routes.ts';
import { INSTAGRAM_LOGIN } from '../oauth-logins.ts';

export const prerender = false;

/** GET /api/instagram/oauth/callback: Instagram sends the admin back here with a code or an error. */
export const GET = oauthCallbackRoute(INSTAGRAM_LOGIN);
