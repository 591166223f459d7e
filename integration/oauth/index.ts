export {
  authorizeUrl,
  connectWithCode,
  AccountMismatchError,
  storeEnvironmentToken,
  storeLongLivedToken,
  type OAuthSettings,
} from './connect.ts';
