import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { DELIVERY_SEQ, replayWebhookDelivery } from '../outgoing-admin.ts';
import { parseRequest } from '../request-input.ts';
import { json } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const schema = {
  params: z.object({ seq: DELIVERY_SEQ }),
  usage: 'POST /api/admin/webhooks/deliveries/<delivery number>/replay sends it again.',
};

/** POST: the delivery is sent again (same webhook-id), retried for 24 hours like a new one. */
export const POST: APIRoute = async (context) => {
  const { params } = await parseRequest(schema, context);
  await replayWebhookDelivery(await getServices(), params.seq);
  return json({ replayed: params.seq }, 202);
};
