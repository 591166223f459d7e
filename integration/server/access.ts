import type { APIContext } from 'astro';
import { secretsEqual } from '../shared/secrets-equal.ts';
import type { ServerConfig } from './config.ts';

/** Meta's webhook endpoint: no admin and no browser behind it; it checks Meta's signature itself. */
export const WEBHOOK_PATH = '/api/instagram/webhook';

/** Paths that need an admin: the admin pages and every admin, Instagram or publishing API route. */
export function needsAdmin(pathname: string): boolean {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/admin/login' || path === '/api/admin/login' || path === WEBHOOK_PATH) return false;
  return (
    path === '/admin' ||
    path.startsWith('/admin/') ||
    path.startsWith('/api/admin/') ||
    path.startsWith('/api/instagram/') ||
    path === '/api/publish' ||
    path.startsWith('/api/publish/') ||
    // The server islands of this site are the analytics dashboard's sections.
    path.startsWith('/_server-islands/')
  );
}

/** Paths fetched by scripts, which get a JSON 401 rather than a redirect to the login page. */
export function isApiPath(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname.startsWith('/_server-islands/');
}

export type AdminAuth = { via: 'session' } | { via: 'token' };

export const ADMIN_SESSION_KEY = 'astro-instagram-sync:admin';

/** A CI bearer token (ADMIN_API_TOKEN) or a logged-in session. */
export async function authenticate(
  context: Pick<APIContext, 'request' | 'session'>,
  config: ServerConfig,
): Promise<AdminAuth | undefined> {
  const header = context.request.headers.get('authorization') ?? '';
  const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  if (bearer !== undefined)
    return config.adminApiToken && secretsEqual(bearer, config.adminApiToken)
      ? { via: 'token' }
      : undefined;
  return (await context.session?.get(ADMIN_SESSION_KEY)) ? { via: 'session' } : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request protection for cookie-authenticated requests that change state: the
 * browser must say the request comes from this site (Origin, else Sec-Fetch-Site). Callers
 * skip it for bearer-token requests, which carry no ambient credential.
 */
export function crossSiteRefused(
  request: Request,
  url: URL,
  publicBaseUrl: string | undefined,
): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  // Meta's servers send no Origin; the endpoint uses no cookie, and its signature is its check.
  if (url.pathname.replace(/\/+$/, '') === WEBHOOK_PATH) return false;
  const origin = request.headers.get('origin');
  if (origin)
    return (
      origin !== url.origin &&
      origin !== (publicBaseUrl ? new URL(publicBaseUrl).origin : undefined)
    );
  return request.headers.get('sec-fetch-site') !== 'same-origin';
}

/** A request that authenticates with `Authorization: Bearer` (and so carries no cookie credential to abuse). */
export function hasBearer(request: Request): boolean {
  return /^Bearer\s/i.test(request.headers.get('authorization') ?? '');
}

/** The client's address for rate limiting. */
export function clientKey(context: Pick<APIContext, 'clientAddress'>): string {
  try {
    return context.clientAddress;
  } catch {
    return 'unknown';
  }
}
