import type { APIRoute } from 'astro';
import { backToAdmin, json, jsonError, wantsHtml } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** DELETE /api/instagram/accounts/:id disconnects the account and deletes its token. */
export const DELETE: APIRoute = async ({ params, request, session }) => {
  const { store } = await getServices();
  const id = params.id ?? '';
  const deleted = await store.deleteAccount(id);
  if (wantsHtml(request))
    return backToAdmin(
      session,
      deleted ? 'Account disconnected.' : 'That account was not connected.',
      deleted ? 'ok' : 'error',
    );
  return deleted
    ? json({ disconnected: id })
    : jsonError(404, 'not_found', `No connected account ${id}.`);
};

/** Forms cannot send DELETE: /admin posts `_method=DELETE`. */
export const POST: APIRoute = async (context) => {
  const form = await context.request.formData().catch(() => undefined);
  if (form?.get('_method') !== 'DELETE')
    return jsonError(405, 'method_not_allowed', 'Use DELETE to disconnect an account.');
  return DELETE(context);
};
