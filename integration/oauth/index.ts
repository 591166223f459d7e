export {
  authorizeUrl,
  connectWithCode,
  AccountMismatchError,
  storeEnvironmentToken,
  storeLongLivedToken,
  type OAuthSettings,
} from './connect.ts';
export {
  connectWithFacebookCode,
  FACEBOOK_LOGIN_SCOPES,
  facebookDialogUrl,
  NoInstagramPageError,
  type FacebookOAuthSettings,
} from './facebook-connect.ts';
