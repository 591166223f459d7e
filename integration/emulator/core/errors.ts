import { randomBytes } from 'node:crypto';
import { formatPacificTime } from './dates.ts';

/** What goes into Graph's `{"error": {...}}` envelope. */
export interface GraphErrorSpec {
  message: string;
  type: string;
  code: number;
  subcode?: number;
  isTransient?: boolean;
  /** `error_user_title`: content publishing errors carry one (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes). */
  userTitle?: string;
  /** `error_user_msg`, likewise. */
  userMessage?: string;
}

/** Thrown by route code; the dispatcher turns it into the envelope and status. */
export class GraphError extends Error {
  readonly spec: GraphErrorSpec;
  readonly status: number;
  constructor(spec: GraphErrorSpec, status = statusForCode(spec.code)) {
    super(spec.message);
    this.name = 'GraphError';
    this.spec = spec;
    this.status = status;
  }
}

/** Graph answers most errors 400; server errors (1, 2) 500; permission errors (200–299) 403. */
export function statusForCode(code: number): number {
  if (code === 1 || code === 2) return 500;
  if (code >= 200 && code <= 299) return 403;
  return 400;
}

/** Key order as Graph sends it; optional keys only when set. */
export function errorEnvelope(spec: GraphErrorSpec): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = {
    message: spec.message,
    type: spec.type,
    code: spec.code,
  };
  if (spec.subcode !== undefined) error.error_subcode = spec.subcode;
  if (spec.isTransient !== undefined) error.is_transient = spec.isTransient;
  if (spec.userTitle !== undefined) error.error_user_title = spec.userTitle;
  if (spec.userMessage !== undefined) error.error_user_msg = spec.userMessage;
  error.fbtrace_id = fbtraceId();
  return { error };
}

function fbtraceId(): string {
  return randomBytes(16).toString('base64url').slice(0, 23);
}

// Error catalogue: messages are Graph's own texts (Graph API "Handle Errors" page and observed responses).

export const invalidToken = (): GraphErrorSpec => ({
  message: 'Invalid OAuth access token - Cannot parse access token',
  type: 'OAuthException',
  code: 190,
});

export const expiredToken = (expiredAtMs: number, nowMs: number): GraphErrorSpec => ({
  message: `Error validating access token: Session has expired on ${formatPacificTime(expiredAtMs)}. The current time is ${formatPacificTime(nowMs)}.`,
  type: 'OAuthException',
  code: 190,
  subcode: 463,
});

export const passwordChangedToken = (): GraphErrorSpec => ({
  message:
    'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
  type: 'OAuthException',
  code: 190,
  subcode: 460,
});

export const invalidatedToken = (): GraphErrorSpec => ({
  message: 'Error validating access token: The session is invalid because the user logged out.',
  type: 'OAuthException',
  code: 190,
  subcode: 467,
});

export const unsupportedGet = (id: string): GraphErrorSpec => ({
  message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  type: 'GraphMethodException',
  code: 100,
  subcode: 33,
});

export const unsupportedPost = (id: string): GraphErrorSpec => ({
  ...unsupportedGet(id),
  message: `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
});

export const nonexistingField = (field: string, nodeType: string): GraphErrorSpec => ({
  message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
  type: 'OAuthException',
  code: 100,
});

export const fieldsSyntaxError = (
  detail: string,
  position: number,
  fields: string,
): GraphErrorSpec => ({
  message: `Syntax error "${detail}" at character ${position}: ${fields}`,
  type: 'OAuthException',
  code: 2500,
});

export const invalidParameter = (detail: string): GraphErrorSpec => ({
  message: `(#100) ${detail}`,
  type: 'OAuthException',
  code: 100,
});

export const requiredParameter = (name: string): GraphErrorSpec =>
  invalidParameter(`The parameter ${name} is required`);

export const invalidClientSecret = (): GraphErrorSpec => ({
  message: 'Error validating client secret.',
  type: 'OAuthException',
  code: 101,
});

export const missingPermission = (): GraphErrorSpec => ({
  message: '(#10) Application does not have permission for this action',
  type: 'OAuthException',
  code: 10,
});

// Token exchange and refresh: Meta documents the rules, not these texts (the emulator's wording).

export const wrongGrantType = (expected: string): GraphErrorSpec =>
  invalidParameter(`The grant_type parameter must be ${expected}`);

export const alreadyLongLived = (): GraphErrorSpec =>
  invalidParameter(
    'The access token is already long-lived: ig_exchange_token takes a short-lived token (use ig_refresh_token to extend a long-lived one)',
  );

export const notLongLived = (): GraphErrorSpec =>
  invalidParameter(
    'The access token is short-lived: only long-lived tokens can be refreshed (exchange it with ig_exchange_token first)',
  );

export const refreshTooEarly = (): GraphErrorSpec =>
  invalidParameter('The access token can only be refreshed 24 hours after it was issued.');

export const unknownPath = (path: string): GraphErrorSpec => ({
  message: `Unknown path components: ${path}`,
  type: 'OAuthException',
  code: 2500,
});

export const accountThrottled = (): GraphErrorSpec => ({
  message:
    '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
  type: 'OAuthException',
  code: 80002,
});

export const unexpectedError = (): GraphErrorSpec => ({
  message: 'An unexpected error has occurred. Please retry your request later.',
  type: 'OAuthException',
  code: 2,
  isTransient: true,
});
