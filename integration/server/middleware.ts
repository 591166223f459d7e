import { defineMiddleware } from 'astro:middleware';
import { authenticate, crossSiteRefused, hasBearer, isApiPath, needsAdmin } from './access.ts';
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
 * Guards the on-demand routes: admin pages and APIs need credentials (401 for APIs, a redirect
 * to the login page for pages), and no cookie-carrying request may change state from another
 * site (403). Static pages pass through untouched.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
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
});
