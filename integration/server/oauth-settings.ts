import type { FacebookOAuthSettings, OAuthSettings } from '../oauth/index.ts';
import type { ServerConfig } from './config.ts';

export const CALLBACK_PATH = '/api/instagram/oauth/callback';
export const FACEBOOK_CALLBACK_PATH = '/api/instagram/oauth/facebook/callback';

/** OAuth settings, or undefined when the Instagram app is not configured. */
export function oauthSettings(config: ServerConfig): OAuthSettings | undefined {
  if (!config.appId || !config.appSecret) return undefined;
  return {
    appId: config.appId,
    appSecret: config.appSecret,
    authorizeUrl: config.authorizeUrl,
    tokenUrl: config.tokenUrl,
    graphBase: config.graphBase,
    scopes: config.scopes,
    redirectUri: `${config.publicBaseUrl}${CALLBACK_PATH}`,
  };
}

/** Facebook Login settings, or undefined when the Meta app is not configured. */
export function facebookOAuthSettings(config: ServerConfig): FacebookOAuthSettings | undefined {
  if (!config.facebookAppId || !config.facebookAppSecret) return undefined;
  return {
    appId: config.facebookAppId,
    appSecret: config.facebookAppSecret,
    dialogUrl: config.facebookDialogUrl,
    graphBase: config.facebookGraphBase,
    scopes: config.facebookScopes,
    redirectUri: `${config.publicBaseUrl}${FACEBOOK_CALLBACK_PATH}`,
  };
}
