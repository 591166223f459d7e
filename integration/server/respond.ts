import type { AstroSession } from 'astro';

/** JSON responses in the one error shape of every API route: `{ error: { code, message } }`. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}

export function jsonError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return json({ error: { code, message } }, status, headers);
}

/** Form posts from /admin get a redirect back with a notice; API clients get JSON. */
export function wantsHtml(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('text/html');
}

export function redirect(location: string, status = 303): Response {
  return new Response(null, { status, headers: { location, 'cache-control': 'no-store' } });
}

export const FLASH_KEY = 'astro-instagram-sync:flash';

export interface Flash {
  /** `ok`: done; `info`: nothing was done, and nothing is wrong; `error`: it failed. */
  kind: 'ok' | 'info' | 'error';
  message: string;
}

/**
 * Back to /admin with a message for the next page view. The message travels in the session,
 * not the URL, so a crafted link cannot put words on the admin page.
 */
export function backToAdmin(
  session: AstroSession | undefined,
  message: string,
  kind: Flash['kind'] = 'ok',
): Response {
  session?.set(FLASH_KEY, { kind, message } satisfies Flash);
  return redirect('/admin');
}
