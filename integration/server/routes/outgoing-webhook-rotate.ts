import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { ENDPOINT_ID, rotateWebhookSecret } from '../outgoing-admin.ts';
import { parseRequest } from '../request-input.ts';
import { json } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const schema = {
  params: z.object({ id: ENDPOINT_ID }),
  usage: 'POST /api/admin/webhooks/<endpoint id>/rotate gives the endpoint a new secret.',
};

/** POST: a new secret (shown this once); the old one still signs for 24 hours. */
export const POST: APIRoute = async (context) => {
  const { params } = await parseRequest(schema, context);
  return json(await rotateWebhookSecret(await getServices(), params.id));
};
