export { authorizeUrl, connectWithCode, type OAuthSettings } from './connect.ts';
