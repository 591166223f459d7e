import type { APIContext, MiddlewareNext } from 'astro';
import { defineMiddleware } from 'astro:middleware';
import { authenticate, crossSiteRefused, hasBearer, isApiPath, needsAdmin } from './access.ts';
import { contentLengthRefusal, methodRefusal, unexpectedError } from './error-boundary.ts';
import { jsonError, redirect } from './respond.ts';
import { getServices, type Services } from './services.ts';
import { processEnv } from '../shared/env.ts';
import { serverLog } from '../shared/log.ts';
import { startBackgroundWork } from './background.ts';
import { siteOptions } from './site-options.ts';

/**
 * The services, made with the options of astro.config; on a production server the first
 * on-demand request (the server listens by then) also starts the background work.
 */
async function startedServices(): Promise<Services> {
  const services = await getServices(processEnv(), siteOptions());
  if (import.meta.env.PROD) startBackgroundWork(services);
  return services;
}

/**
 * Every on-demand request: a method the route does not serve is a 405 and a body declared
 * larger than the route takes a 413, before anything else; then the access guard and the
 * route, inside one error boundary (a refused input is its 4xx, anything else a 500 with an
 * error id and no stack).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const refusal = methodRefusal(context) ?? (await contentLengthRefusal(context));
  if (refusal) return refusal;
  try {
    return await guard(context, next);
  } catch (error) {
    return unexpectedError(error, context);
  }
});

/**
 * Guards the on-demand routes: admin pages and APIs need credentials (401 for APIs, a redirect
 * to the login page for pages), and no cookie-carrying request may change state from another
 * site (403). Static pages pass through untouched.
 */
async function guard(context: APIContext, next: MiddlewareNext): Promise<Response> {
  const { pathname } = context.url;
  const api = isApiPath(pathname);
  const bearer = hasBearer(context.request);
  const started = startedServices();
  started.catch(() => undefined); // a route that needs the services reports why they are missing

  if (needsAdmin(pathname)) {
    let services: Services;
    try {
      services = await started;
    } catch (error) {
      serverLog.error(`the server is not configured: ${(error as Error).message}`);
      return api
        ? jsonError(503, 'not_configured', (error as Error).message)
        : new Response((error as Error).message, { status: 503 });
    }
    const auth = await authenticate(context, services.config);
    if (!auth) {
      return api
        ? jsonError(
            401,
            'unauthenticated',
            'Log in at /admin/login, or send Authorization: Bearer <ADMIN_API_TOKEN>.',
            { 'www-authenticate': 'Bearer' },
          )
        : redirect(`/admin/login?${new URLSearchParams({ next: pathname })}`);
    }
    context.locals.admin = auth;
  }
  if (!bearer && crossSiteRefused(context.request, context.url, processEnv().PUBLIC_BASE_URL)) {
    return jsonError(
      403,
      'cross_site',
      'Cross-site request refused: send it from this site, or with Authorization: Bearer <ADMIN_API_TOKEN>.',
    );
  }
  return next();
}
