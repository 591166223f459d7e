/** JSON responses in the one error shape of every API route: `{ error: { code, message } }`. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export function jsonError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return json({ error: { code, message } }, status, headers);
}

/** Form posts from /admin get a redirect back with a notice; API clients get JSON. */
export function wantsHtml(request: Request): boolean {
  return (request.headers.get('accept') ?? '').includes('text/html');
}

export function redirect(location: string, status = 303): Response {
  return new Response(null, { status, headers: { location, 'cache-control': 'no-store' } });
}

export function backToAdmin(notice: string, kind: 'ok' | 'error' = 'ok'): Response {
  return redirect(`/admin?${new URLSearchParams({ [kind === 'ok' ? 'notice' : 'error']: notice })}`);
}
