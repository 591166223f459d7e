import { type GraphErrorSpec, invalidParameter } from '../core/errors.ts';

// graph.facebook.com's own texts for Facebook Login, where they differ from Instagram Login's:
// its code exchange answers in Graph's envelope, not `{error_type, code, error_message}`.

export const missingClientId = (): GraphErrorSpec => ({
  message: 'Missing client_id parameter.',
  type: 'OAuthException',
  code: 101,
});

export const invalidApplication = (): GraphErrorSpec => ({
  message: 'Error validating application. Invalid application ID.',
  type: 'OAuthException',
  code: 101,
});

export const missingRedirectUri = (): GraphErrorSpec => ({
  message: 'Missing redirect_uri parameter.',
  type: 'OAuthException',
  code: 191,
});

export const redirectUriMismatch = (): GraphErrorSpec => ({
  message:
    'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
  type: 'OAuthException',
  code: 100,
  subcode: 36008,
});

export const codeUsed = (): GraphErrorSpec => ({
  message: 'This authorization code has been used.',
  type: 'OAuthException',
  code: 100,
  subcode: 36009,
});

export const codeExpired = (): GraphErrorSpec => ({
  message: 'This authorization code has expired.',
  type: 'OAuthException',
  code: 100,
  subcode: 36007,
});

export const invalidCode = (): GraphErrorSpec => ({
  message: 'Invalid verification code format.',
  type: 'OAuthException',
  code: 100,
});

// The emulator's wording: Meta documents the rule (Page tokens do not expire), not an error text.
export const pageTokenNotExchangeable = (): GraphErrorSpec =>
  invalidParameter(
    'fb_exchange_token takes a Facebook user token; a Page token from a long-lived user token does not expire',
  );

// The dialog's error pages (www.facebook.com), as Facebook words them.
export const INVALID_APP_ID =
  'Invalid App ID: The provided app ID does not look like a valid app ID.';
export const URL_BLOCKED =
  "URL Blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.";
export const invalidScopes = (scopes: string[]): string =>
  `Invalid Scopes: ${scopes.join(', ')}. This message is only shown to developers. Users of your app will ignore these permissions if present. Please read the documentation for valid permissions at: https://developers.facebook.com/docs/facebook-login/permissions`;
