import type { APIRoute } from 'astro';
import { TokenLifecycleError } from '../../tokens/index.ts';
import { backToAdmin, json, jsonError, wantsHtml } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/**
 * POST /api/instagram/token/refresh: refresh now. `account` (IG user id) picks one account,
 * else every connected account; `if_due=1` refreshes only tokens within IG_REFRESH_LEAD_DAYS.
 */
export const POST: APIRoute = async ({ request, url, session }) => {
  const { tokens, store } = await getServices();
  const form = await readParams(request, url);
  const ifDue = ['1', 'true'].includes(form.get('if_due') ?? '');
  const account = form.get('account');
  const ids = account ? [account] : (await store.listAccounts()).map((a) => a.userId);
  if (ids.length === 0)
    return jsonError(
      404,
      'no_accounts',
      'No Instagram account is connected. Connect one in /admin.',
    );
  try {
    const results = await Promise.all(ids.map((id) => tokens.refresh(id, { ifDue })));
    if (wantsHtml(request))
      return backToAdmin(
        session,
        results.some((r) => r.refreshed) ? 'Token refreshed.' : 'No token was due for a refresh.',
      );
    return json({ results });
  } catch (error) {
    if (!TokenLifecycleError.is(error)) throw error;
    return wantsHtml(request)
      ? backToAdmin(session, error.message, 'error')
      : jsonError(error.status, error.code, error.message);
  }
};

async function readParams(request: Request, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
    for (const [key, value] of Object.entries(body))
      if (value !== undefined) params.set(key, String(value));
  } else if (type.includes('form')) {
    for (const [key, value] of await request.formData())
      if (typeof value === 'string') params.set(key, value);
  }
  return params;
}
