import { defineMiddleware } from 'astro:middleware';
import { authenticate, crossSiteRefused, isApiPath, needsAdmin } from './access.ts';
import { jsonError, redirect } from './respond.ts';
import { getServices } from './services.ts';

/**
 * Guards the admin pages and APIs: 401 (API) or a redirect to the login page (pages) without
 * credentials, 403 for cross-site state changes. Static pages pass through untouched.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  if (context.isPrerendered) return next();
  const { pathname } = context.url;
  const api = isApiPath(pathname);
  const guarded = needsAdmin(pathname);
  if (!guarded && pathname !== '/api/admin/login') return next();

  let services;
  try {
    services = await getServices();
  } catch (error) {
    console.error(`astro-instagram-sync: the server is not configured: ${(error as Error).message}`);
    return api ? jsonError(503, 'not_configured', (error as Error).message) : new Response((error as Error).message, { status: 503 });
  }
  const bearer = /^Bearer\s/i.test(context.request.headers.get('authorization') ?? '');
  if (!bearer && crossSiteRefused(context.request, context.url, services.config)) {
    return jsonError(403, 'cross_site', 'Cross-site request refused: send it from this site, or with Authorization: Bearer <ADMIN_API_TOKEN>.');
  }
  if (!guarded) return next();

  const auth = await authenticate(context, services.config);
  if (!auth) {
    return api
      ? jsonError(401, 'unauthenticated', 'Log in at /admin/login, or send Authorization: Bearer <ADMIN_API_TOKEN>.', { 'www-authenticate': 'Bearer' })
      : redirect(`/admin/login?${new URLSearchParams({ next: pathname })}`);
  }
  context.locals.admin = auth;
  return next();
});
