import { request } from 'undici';
import {
  errorFromNetwork,
  errorFromResponse,
  errorFromUnreadableBody,
  GraphError,
  type RequestContext,
} from './errors.ts';
import { parseJson } from './json.ts';
import { redactorFor } from './redact.ts';

/** A short-lived (1 h) Instagram user token from the OAuth code exchange. */
export interface ShortLivedToken {
  accessToken: string;
  /** The IG professional account id, a string even when Instagram sends a number beyond 2^53. */
  userId: string;
  permissions: string[];
}

/** A long-lived (60 days) token from `ig_exchange_token` or `ig_refresh_token`. */
export interface LongLivedToken {
  accessToken: string;
  expiresInSeconds: number;
}

const TIMEOUT_MS = 15_000;

/**
 * Code → short-lived token: `POST https://api.instagram.com/oauth/access_token`. Two success
 * shapes exist: the flat one real responses use (numeric user_id, permissions array) and the
 * documented one wrapped in `data[]` (string id, comma-joined permissions); both are accepted.
 */
export async function exchangeCode(input: {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  code: string;
}): Promise<ShortLivedToken> {
  const form = new URLSearchParams({
    client_id: input.clientId,
    client_secret: input.clientSecret,
    grant_type: 'authorization_code',
    redirect_uri: input.redirectUri,
    code: input.code.replace(/#_$/, ''),
  });
  const body = await call('POST', new URL(input.tokenUrl), [input.clientSecret, input.code], form);
  const record = (Array.isArray(body.data) ? body.data[0] : body) as
    | Record<string, unknown>
    | undefined;
  const accessToken = record?.access_token;
  if (typeof accessToken !== 'string' || record?.user_id === undefined) {
    throw new GraphError({
      category: 'bad_request',
      message: 'POST oauth/access_token: the response has no access_token or user_id',
      path: '/oauth/access_token',
    });
  }
  const permissions = record.permissions;
  return {
    accessToken,
    userId: String(record.user_id),
    permissions: Array.isArray(permissions)
      ? permissions.map(String)
      : String(permissions ?? '')
          .split(',')
          .filter(Boolean),
  };
}

/** Short-lived → long-lived token: `GET https://graph.instagram.com/access_token?grant_type=ig_exchange_token`. */
export async function exchangeForLongLived(input: {
  graphBase: string;
  appSecret: string;
  shortToken: string;
}): Promise<LongLivedToken> {
  const url = tokenEndpoint(input.graphBase, '/access_token', {
    grant_type: 'ig_exchange_token',
    client_secret: input.appSecret,
    access_token: input.shortToken,
  });
  return longLived(await call('GET', url, [input.appSecret, input.shortToken]));
}

/**
 * A fresh 60-day token: `GET https://graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token`.
 * Instagram refuses tokens younger than 24 hours and expired ones.
 */
export async function refreshLongLived(input: {
  graphBase: string;
  token: string;
}): Promise<LongLivedToken> {
  const url = tokenEndpoint(input.graphBase, '/refresh_access_token', {
    grant_type: 'ig_refresh_token',
    access_token: input.token,
  });
  return longLived(await call('GET', url, [input.token]));
}

/** Token endpoints are unversioned: they hang off the Graph host, not the versioned base. */
function tokenEndpoint(graphBase: string, path: string, params: Record<string, string>): URL {
  const base = new URL(graphBase);
  const prefix = base.pathname.replace(/\/v\d+\.\d+\/?$/, '').replace(/\/$/, '');
  const url = new URL(`${prefix}${path}`, base.origin);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url;
}

export function longLived(body: Record<string, unknown>): LongLivedToken {
  if (typeof body.access_token !== 'string') {
    throw new GraphError({
      category: 'bad_request',
      message: 'token endpoint: the response has no access_token',
      path: '',
    });
  }
  return { accessToken: body.access_token, expiresInSeconds: Number(body.expires_in ?? 5_184_000) };
}

/** One token-endpoint request: no retries, secrets redacted from every error. */
export async function call(
  method: 'GET' | 'POST',
  url: URL,
  secrets: string[],
  form?: URLSearchParams,
): Promise<Record<string, unknown>> {
  const redact = redactorFor(secrets);
  const context: RequestContext = {
    what: `${method} ${url.pathname}`,
    path: redact(`${url.pathname}${url.search}`),
    redact,
  };
  let status: number;
  let text: string;
  try {
    const response = await request(url, {
      method,
      headersTimeout: TIMEOUT_MS,
      bodyTimeout: TIMEOUT_MS,
      ...(form && {
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    throw errorFromNetwork(context, error, TIMEOUT_MS);
  }
  let body: unknown;
  try {
    body = parseJson(text);
  } catch {
    throw errorFromUnreadableBody(context, status, text);
  }
  if (status >= 400 || (typeof body === 'object' && body !== null && 'error' in body))
    throw errorFromResponse(context, status, body);
  if (typeof body !== 'object' || body === null)
    throw errorFromUnreadableBody(context, status, text);
  return body as Record<string, unknown>;
}
