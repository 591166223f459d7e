import type { APIRoute } from 'astro';
import { ADMIN_SESSION_KEY, clientKey } from '../access.ts';
import { verifyPassword } from '../password.ts';
import { jsonError, redirect, wantsHtml } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** POST /api/admin/login: password → admin session. Failures per client address are limited. */
export const POST: APIRoute = async (context) => {
  const { config, loginLimiter } = await getServices();
  const html = wantsHtml(context.request);
  const client = clientKey(context);
  const wait = loginLimiter.retryAfterMs(client);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    return html
      ? redirect(`/admin/login?${new URLSearchParams({ error: 'rate_limited', retry: String(seconds) })}`)
      : jsonError(429, 'rate_limited', `Too many failed logins. Try again in ${seconds} s.`, { 'retry-after': String(seconds) });
  }
  if (!config.adminPasswordHash) {
    return jsonError(503, 'not_configured', 'Set ADMIN_PASSWORD_HASH (make one with `npm run ig -- admin hash-password`).');
  }
  const form = await context.request.formData().catch(() => undefined);
  const password = form?.get('password');
  if (typeof password !== 'string' || !(await verifyPassword(password, config.adminPasswordHash))) {
    loginLimiter.fail(client);
    return html ? redirect('/admin/login?error=invalid') : jsonError(401, 'invalid_password', 'Wrong password.');
  }
  loginLimiter.succeed(client);
  await context.session!.regenerate(); // a fresh id: no session fixation
  context.session!.set(ADMIN_SESSION_KEY, { since: new Date().toISOString() });
  const next = form?.get('next');
  return redirect(typeof next === 'string' && next.startsWith('/admin') ? next : '/admin');
};
