import { rawJsonReply, type Reply } from '../http/reply.ts';

/**
 * The code exchange (`api.instagram.com/oauth/access_token`) does not use Graph's envelope but
 * `{"error_type", "code", "error_message"}`, HTTP 400 with `code: 400`.
 */
export class OAuthError extends Error {
  override name = 'OAuthError';
}

// Observed texts of that endpoint; "You must provide a <field>" extends the observed `client_id` one to every field.
export const CODE_NOT_FOUND = 'Matching code was not found or was already used';
export const INVALID_PLATFORM_APP = 'Invalid platform app';
export const INVALID_REDIRECT_URI = 'Invalid redirect_uri';
export const INVALID_GRANT_TYPE = 'Invalid grant_type';
export const missingField = (name: string): string => `You must provide a ${name}`;

export function oauthErrorReply(
  message: string,
  status = 400,
  code = status,
  type = 'OAuthException',
): Reply {
  return rawJsonReply(status, JSON.stringify({ error_type: type, code, error_message: message }));
}
