import { oauthCallbackRoute } from '../oauth-login-routes.ts';
import { FACEBOOK_LOGIN } from '../oauth-logins.ts';

export const prerender = false;

/** GET /api/instagram/oauth/facebook/callback: the Facebook dialog sends the admin back here. */
export const GET = oauthCallbackRoute(FACEBOOK_LOGIN);
