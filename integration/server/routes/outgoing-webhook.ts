import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { ENDPOINT_ID, removeWebhookEndpoint } from '../outgoing-admin.ts';
import { parseRequest } from '../request-input.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const USAGE = 'Name an endpoint: /api/admin/webhooks/<endpoint id>.';
const deleteSchema = { params: z.object({ id: ENDPOINT_ID }), usage: USAGE };
const postSchema = { ...deleteSchema, body: z.looseObject({ _method: z.unknown() }).optional() };

/** DELETE /api/admin/webhooks/:id removes the endpoint and its deliveries. */
export const DELETE: APIRoute = async (context) => {
  const { params } = await parseRequest(deleteSchema, context);
  await removeWebhookEndpoint(await getServices(), params.id);
  return json({ removed: params.id });
};

/** Forms cannot send DELETE: they post `_method=DELETE`. */
export const POST: APIRoute = async (context) => {
  const { params, body } = await parseRequest(postSchema, context);
  if (body?._method !== 'DELETE')
    return jsonError(405, 'method_not_allowed', 'Use DELETE to remove a webhook endpoint.', {
      allow: 'DELETE, POST',
    });
  await removeWebhookEndpoint(await getServices(), params.id);
  return json({ removed: params.id });
};
