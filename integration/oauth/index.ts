export { authorizeUrl, connectWithCode, usageRecord, type OAuthSettings } from './connect.ts';
