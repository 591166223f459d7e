/**
 * What a failed Graph request means for the caller:
 * - `auth`: the token is invalid, expired or revoked; a new token is needed.
 * - `permission`: the token lacks a permission, or the object is off limits.
 * - `rate_limit`: throttled; the same request succeeds once the usage window clears.
 * - `media`: Instagram refused the media itself (format, size, publishing state).
 * - `transient`: a server, network or timeout failure; retrying may succeed.
 * - `bad_request`: anything else the request itself got wrong (code 100 and the like).
 */
export type GraphErrorCategory =
  | 'auth'
  | 'permission'
  | 'rate_limit'
  | 'media'
  | 'transient'
  | 'bad_request';

/** The `error` object of a Graph error response (Graph API "Handle Errors"). */
export interface GraphErrorEnvelope {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
}

export interface GraphErrorInit {
  category: GraphErrorCategory;
  message: string;
  path: string;
  code?: number;
  subcode?: number;
  status?: number;
  type?: string;
  fbtraceId?: string;
  isTransient?: boolean;
  retryAfterMs?: number;
  userMessage?: string;
  cause?: unknown;
}

/** A failed Graph request. `message` and `path` never contain a token. */
export class GraphError extends Error {
  readonly category: GraphErrorCategory;
  readonly code?: number;
  readonly subcode?: number;
  readonly status?: number;
  readonly type?: string;
  readonly fbtraceId?: string;
  /** The same request may succeed later unchanged (transient or throttled, or Graph said `is_transient`). */
  readonly isTransient: boolean;
  /** From `estimated_time_to_regain_access` (minutes → ms) when the response gave one. */
  readonly retryAfterMs?: number;
  /** Request path and query, token redacted. */
  readonly path: string;
  /** `error_user_msg`, meant for the person using the app. */
  readonly userMessage?: string;

  constructor(init: GraphErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GraphError';
    this.category = init.category;
    this.code = init.code;
    this.subcode = init.subcode;
    this.status = init.status;
    this.type = init.type;
    this.fbtraceId = init.fbtraceId;
    this.isTransient =
      init.isTransient === true || init.category === 'transient' || init.category === 'rate_limit';
    this.retryAfterMs = init.retryAfterMs;
    this.path = init.path;
    this.userMessage = init.userMessage;
  }
}

// Codes and subcodes from the Graph "Handle Errors" and "Rate Limits" pages and the
// Instagram Platform error-code reference.
const AUTH_CODES = new Set([102, 190]);
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613]);
const TRANSIENT_CODES = new Set([1, 2]);
const MEDIA_CODES = new Set([352, 9004, 36000, 36001, 36002, 36003, 36004]);

const isPermissionCode = (code: number) => code === 10 || (code >= 200 && code <= 299);
// 80000–80014: Business Use Case throttles (80002 is the Instagram one).
const isRateLimitCode = (code: number) =>
  RATE_LIMIT_CODES.has(code) || (code >= 80000 && code <= 80014);
// 2207xxx: Instagram content publishing subcodes (media download, format, container state).
const isMediaSubcode = (subcode: number | undefined) =>
  subcode !== undefined && Math.floor(subcode / 1000) === 2207;

/** The `error` object of a response body, or `undefined` when the body is not a Graph error. */
export function readErrorEnvelope(body: unknown): GraphErrorEnvelope | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  const error = body.error;
  return {
    message: stringOrUndefined(error.message),
    type: stringOrUndefined(error.type),
    code: numberOrUndefined(error.code),
    error_subcode: numberOrUndefined(error.error_subcode),
    is_transient:
      error.is_transient === true ? true : error.is_transient === false ? false : undefined,
    error_user_title: stringOrUndefined(error.error_user_title),
    error_user_msg: stringOrUndefined(error.error_user_msg),
    fbtrace_id: stringOrUndefined(error.fbtrace_id),
  };
}

/** Maps an HTTP status and (Graph error) body to what the caller should do about it. */
export function classifyGraphError(input: { status: number; body?: unknown }): GraphErrorCategory {
  const envelope = readErrorEnvelope(input.body);
  if (envelope?.code === undefined) return classifyStatus(input.status);
  return classifyEnvelope(envelope, envelope.code, input.status);
}

function classifyEnvelope(
  envelope: GraphErrorEnvelope,
  code: number,
  status: number,
): GraphErrorCategory {
  const subcode = envelope.error_subcode;
  if (AUTH_CODES.has(code)) return 'auth';
  if (isPermissionCode(code)) return 'permission';
  // 4/2207051 is "activity restricted" on publishing: slowing down does not lift it.
  if (isRateLimitCode(code) && !isMediaSubcode(subcode)) return 'rate_limit';
  if (envelope.is_transient === true) return 'transient';
  if (MEDIA_CODES.has(code) || isMediaSubcode(subcode)) return 'media';
  if (TRANSIENT_CODES.has(code) || status >= 500) return 'transient';
  return 'bad_request';
}

// Bodies without a Graph envelope: proxies, load balancers, truncated or HTML responses.
function classifyStatus(status: number): GraphErrorCategory {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 429) return 'rate_limit';
  if (status === 408 || status >= 500 || status < 400) return 'transient';
  return 'bad_request';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function numberOrUndefined(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The request an error belongs to, and how to keep secrets out of what is said about it. */
export interface RequestContext {
  /** Method and URL path, prefixed to every message: `GET /v26.0/me/media`. */
  what: string;
  /** Path and query, token redacted. */
  path: string;
  redact: (text: string) => string;
}

/** A Graph error response (any status with an `error` envelope, or a 4xx/5xx without one). */
export function errorFromResponse(
  request: RequestContext,
  status: number,
  body: unknown,
  retryAfterMs?: number,
): GraphError {
  const envelope = readErrorEnvelope(body);
  const category = classifyGraphError({ status, body });
  return new GraphError({
    category,
    message: request.redact(
      `${request.what}: ${envelope?.message ?? oauthMessage(body) ?? `HTTP ${status}`}`,
    ),
    path: request.path,
    status,
    code: envelope?.code,
    subcode: envelope?.error_subcode,
    type: envelope?.type,
    fbtraceId: envelope?.fbtrace_id,
    isTransient: envelope?.is_transient,
    retryAfterMs: category === 'rate_limit' ? retryAfterMs : undefined,
    userMessage:
      envelope?.error_user_msg === undefined ? undefined : request.redact(envelope.error_user_msg),
  });
}

// Instagram's OAuth endpoints answer `{"error_type","code","error_message"}` instead of the envelope.
function oauthMessage(body: unknown): string | undefined {
  return isRecord(body) ? stringOrUndefined(body.error_message) : undefined;
}

const SNIPPET_LENGTH = 80;

/** A response whose body is not JSON: empty, truncated, or an HTML page from a proxy. */
export function errorFromUnreadableBody(
  request: RequestContext,
  status: number,
  text: string,
): GraphError {
  // Redact before cutting, so a token cut in half still matches its pattern.
  const snippet = request
    .redact(text.trim().slice(0, 4 * SNIPPET_LENGTH))
    .slice(0, SNIPPET_LENGTH)
    .replace(/\s+/g, ' ');
  const what = snippet === '' ? 'an empty body' : `a body that is not JSON ("${snippet}")`;
  return new GraphError({
    category: classifyGraphError({ status }),
    message: request.redact(`${request.what}: HTTP ${status} with ${what}`),
    path: request.path,
    status,
  });
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);
// The request could never succeed as sent, or the client was closed under it.
const NOT_RETRYABLE_CODES = new Set(['UND_ERR_INVALID_ARG', 'UND_ERR_DESTROYED', 'UND_ERR_CLOSED']);

/** A failure before a complete response arrived: connection error, timeout, closed client. */
export function errorFromNetwork(
  request: RequestContext,
  cause: unknown,
  timeoutMs: number,
): GraphError {
  const code = isRecord(cause) ? stringOrUndefined(cause.code) : undefined;
  const name = cause instanceof Error ? cause.name : '';
  const timedOut = name === 'TimeoutError' || (code !== undefined && TIMEOUT_CODES.has(code));
  const reason = timedOut
    ? `timed out after ${timeoutMs} ms`
    : `network error: ${cause instanceof Error ? cause.message : String(cause)}${code ? ` (${code})` : ''}`;
  return new GraphError({
    category: code !== undefined && NOT_RETRYABLE_CODES.has(code) ? 'bad_request' : 'transient',
    message: request.redact(`${request.what}: ${reason}`),
    path: request.path,
    cause,
  });
}
