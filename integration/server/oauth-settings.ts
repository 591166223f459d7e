import type { OAuthSettings } from '../oauth/index.ts';
import type { ServerConfig } from './config.ts';

export const CALLBACK_PATH = '/api/instagram/oauth/callback';

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
