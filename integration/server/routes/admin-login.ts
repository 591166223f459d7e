import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { ADMIN_SESSION_KEY, clientKey } from '../access.ts';
import { verifyPassword } from '../password.ts';
import { parseRequest } from '../request-input.ts';
import { jsonError, redirect, wantsHtml } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const schema = {
  body: z
    .looseObject({
      password: z.string().max(1024, 'a password has at most 1024 characters').optional(),
      next: z.string().max(500).optional(),
    })
    .optional(),
  usage: 'Send the form field password (and optionally next), as the /admin/login page does.',
};

/** POST /api/admin/login: password → admin session. Failures per client address are limited. */
export const POST: APIRoute = async (context) => {
  const { config, loginLimiter } = await getServices();
  if (!config.adminPasswordHash) {
    return jsonError(
      503,
      'not_configured',
      'Set ADMIN_PASSWORD_HASH (make one with `npm run ig -- admin hash-password`).',
    );
  }
  const html = wantsHtml(context.request);
  const client = clientKey(context);
  // Counted before the password is read, in one store transaction, so parallel guesses on this
  // instance or on others cannot get more than the limit checked; a success clears the count.
  const wait = await loginLimiter.attempt(client);
  if (wait > 0) {
    const seconds = Math.ceil(wait / 1000);
    return html
      ? redirect(
          `/admin/login?${new URLSearchParams({ error: 'rate_limited', retry: String(seconds) })}`,
        )
      : jsonError(429, 'rate_limited', `Too many failed logins. Try again in ${seconds} s.`, {
          'retry-after': String(seconds),
        });
  }
  const { body } = await parseRequest(schema, context);
  const password = body?.password;
  const next = safeNext(body?.next);
  if (typeof password !== 'string' || !(await verifyPassword(password, config.adminPasswordHash))) {
    return html
      ? redirect(`/admin/login?${new URLSearchParams({ error: 'invalid', next })}`)
      : jsonError(401, 'invalid_password', 'Wrong password.');
  }
  await loginLimiter.succeed(client);
  const { session } = context;
  if (!session)
    return jsonError(503, 'not_configured', 'Astro sessions are off: the admin login needs them.');
  await session.regenerate(); // a fresh id: no session fixation
  session.set(ADMIN_SESSION_KEY, { since: new Date().toISOString() });
  return redirect(next);
};

/** Only back into the admin: never an open redirect. */
function safeNext(next: string | undefined): string {
  return typeof next === 'string' && /^\/admin(\/[\w/-]*)?$/.test(next) ? next : '/admin';
}
