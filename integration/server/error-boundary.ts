import { randomUUID } from 'node:crypto';
import type { APIContext } from 'astro';
import { UPLOAD_LIMITS } from '../publish/upload-staging.ts';
import { serverLog } from '../shared/log.ts';
import { BODY_LIMIT_BYTES, RequestInputError, tooLarge } from './request-input.ts';
import { json } from './respond.ts';
import { allowedMethods, serverRouteOf, type ServerRoute } from './routes.ts';
import { getServices } from './services.ts';

/** A 405 with `Allow` for a method the route does not serve (Astro itself would answer 404). */
export function methodRefusal(context: Pick<APIContext, 'request' | 'routePattern'>) {
  const route = serverRouteOf(context.routePattern);
  const method = context.request.method.toUpperCase();
  if (!route) return undefined;
  const allowed = allowedMethods(route);
  if (allowed.includes(method)) return undefined;
  return methodNotAllowed(method, allowed);
}

export function methodNotAllowed(method: string, allowed: string[]): Response {
  return json(
    {
      error: {
        code: 'method_not_allowed',
        message: `${method.slice(0, 20)} is not served here; use ${allowed.join(' or ')}.`,
      },
    },
    405,
    { allow: allowed.join(', ') },
  );
}

/** A 413 when Content-Length already says the body is larger than the route takes: nothing is read. */
export async function contentLengthRefusal(
  context: Pick<APIContext, 'request' | 'routePattern'>,
): Promise<Response | undefined> {
  const route = serverRouteOf(context.routePattern);
  const declared = Number(context.request.headers.get('content-length') ?? 0);
  if (!route || !(declared > BODY_LIMIT_BYTES)) return undefined;
  const limit = await bodyLimitOf(route);
  return declared > limit
    ? inputErrorResponse(tooLarge(limit), { connection: 'close' })
    : undefined;
}

/** How many body bytes a route reads: 1 MiB, or the upload routes' own documented limits. */
export async function bodyLimitOf(route: ServerRoute): Promise<number> {
  if (route.file === 'publish-upload.ts') return UPLOAD_LIMITS.videoBytes;
  if (route.file === 'guest-upload-file.ts')
    return (await getServices().catch(() => undefined))?.config.guest.maxBytes ?? BODY_LIMIT_BYTES;
  return BODY_LIMIT_BYTES;
}

/**
 * The error boundary's answer: a refused input is its 4xx; anything else is a 500 with an
 * error id, logged once here with its stack, which never reaches the client.
 */
export function unexpectedError(error: unknown, context: Pick<APIContext, 'request' | 'url'>) {
  if (RequestInputError.is(error)) return inputErrorResponse(error);
  const id = randomUUID().slice(0, 8);
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  serverLog.error(`error ${id} on ${context.request.method} ${context.url.pathname}: ${detail}`);
  return json(
    {
      error: {
        code: 'internal_error',
        message: `Something went wrong on the server (error ${id}). The server log has the details under that id.`,
        id,
      },
    },
    500,
  );
}

export function inputErrorResponse(
  error: RequestInputError,
  headers: Record<string, string> = {},
): Response {
  return json(
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.parameter !== undefined && { parameter: error.parameter }),
      },
    },
    error.status,
    headers,
  );
}
