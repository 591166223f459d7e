import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import {
  addWebhookEndpoint,
  ENDPOINT_INPUT,
  ENDPOINT_USAGE,
  publicEndpoint,
} from '../outgoing-admin.ts';
import { parseRequest } from '../request-input.ts';
import { json } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** GET /api/admin/webhooks: the endpoints (never their secrets) and the latest deliveries. */
export const GET: APIRoute = async (context) => {
  await parseRequest(
    { query: z.object({}), usage: 'GET /api/admin/webhooks takes no query.' },
    context,
  );
  const { store } = await getServices();
  const [endpoints, deliveries] = await Promise.all([
    store.listOutgoingEndpoints(),
    store.listOutgoingDeliveries({ limit: 50 }),
  ]);
  return json({ endpoints: endpoints.map(publicEndpoint), deliveries });
};

/** POST /api/admin/webhooks adds an endpoint; the answer holds its secret, shown this once. */
export const POST: APIRoute = async (context) => {
  const { body } = await parseRequest({ body: ENDPOINT_INPUT, usage: ENDPOINT_USAGE }, context);
  const endpoint = await addWebhookEndpoint(await getServices(), body);
  return json({ endpoint: publicEndpoint(endpoint), secret: endpoint.secret }, 201);
};
