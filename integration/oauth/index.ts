export {
  authorizeUrl,
  connectWithCode,
  storeLongLivedToken,
  type OAuthSettings,
} from './connect.ts';
