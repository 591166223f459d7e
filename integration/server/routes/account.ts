import type { APIContext, APIRoute } from 'astro';
import { z } from 'astro/zod';
import { ACCOUNT_ID } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { backToAdmin, json, jsonError, wantsHtml } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const USAGE = 'Name a connected account: /api/instagram/accounts/<Instagram user id>.';
const deleteSchema = { params: z.object({ id: ACCOUNT_ID }), usage: USAGE };
const postSchema = {
  ...deleteSchema,
  body: z.looseObject({ _method: z.unknown() }).optional(),
};

/** DELETE /api/instagram/accounts/:id disconnects the account and deletes its token. */
export const DELETE: APIRoute = async (context) => {
  const { params } = await parseRequest(deleteSchema, context);
  return disconnect(params.id, context);
};

/** Forms cannot send DELETE: /admin posts `_method=DELETE`. */
export const POST: APIRoute = async (context) => {
  const { params, body } = await parseRequest(postSchema, context);
  if (body?._method !== 'DELETE')
    return jsonError(405, 'method_not_allowed', 'Use DELETE to disconnect an account.', {
      allow: 'DELETE, POST',
    });
  return disconnect(params.id, context);
};

async function disconnect(id: string, { request, session }: APIContext): Promise<Response> {
  const { store, outgoing } = await getServices();
  const deleted = await store.deleteAccount(id);
  if (deleted) await outgoing.emit('account.disconnected', { userId: id });
  if (wantsHtml(request))
    return backToAdmin(
      session,
      deleted ? 'Account disconnected.' : 'That account was not connected.',
      deleted ? 'ok' : 'error',
    );
  return deleted
    ? json({ disconnected: id })
    : jsonError(404, 'not_found', `No connected account ${id}.`);
}
