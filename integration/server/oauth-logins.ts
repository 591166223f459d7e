import {
  authorizeUrl,
  connectWithCode,
  connectWithFacebookCode,
  facebookDialogUrl,
  NoInstagramPageError,
} from '../oauth/index.ts';
import type { OAuthLogin } from './oauth-login-routes.ts';
import { facebookOAuthSettings, oauthSettings } from './oauth-settings.ts';

/** Instagram Login ("Connect an Instagram account"): one account per consent. */
export const INSTAGRAM_LOGIN: OAuthLogin<NonNullable<ReturnType<typeof oauthSettings>>> = {
  site: 'Instagram',
  settings: oauthSettings,
  notConfigured:
    'Set INSTAGRAM_APP_ID and INSTAGRAM_APP_SECRET (the Instagram app from the Meta dashboard) to connect accounts.',
  dialogUrl: authorizeUrl,
  async connect(code, settings, store) {
    const account = await connectWithCode(code, settings, store);
    return `Connected @${account.username}.`;
  },
  failure: { notice: 'Connecting the account failed', log: 'connecting an account failed' },
};

/** Facebook Login ("Connect with Facebook"): every shared Page's Instagram account. */
export const FACEBOOK_LOGIN: OAuthLogin<NonNullable<ReturnType<typeof facebookOAuthSettings>>> = {
  site: 'Facebook',
  settings: facebookOAuthSettings,
  notConfigured:
    'Set FACEBOOK_APP_ID and FACEBOOK_APP_SECRET (the Meta app, App settings → Basic) to connect accounts with Facebook Login.',
  dialogUrl: facebookDialogUrl,
  async connect(code, settings, store) {
    const accounts = await connectWithFacebookCode(code, settings, store);
    const names = accounts.map((account) => `@${account.username}`).join(', ');
    return `Connected ${names} with Facebook Login.`;
  },
  failure: {
    notice: 'Connecting with Facebook failed',
    log: 'connecting an account with Facebook failed',
  },
  isPlainRefusal: (error): error is Error => error instanceof NoInstagramPageError,
};
