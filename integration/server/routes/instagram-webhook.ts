import type { APIRoute } from 'astro';
import { receiveDelivery, verifySubscription } from '../../webhooks/index.ts';
import { BODY_LIMIT_BYTES, readBodyBytes } from '../request-input.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** GET /api/instagram/webhook: Meta's subscription check (`hub.challenge` back, or 403). */
export const GET: APIRoute = async ({ url }) => {
  const { config } = await getServices();
  return verifySubscription(url, config);
};

/** POST /api/instagram/webhook: a signed delivery, stored de-duplicated, answered before processing. */
export const POST: APIRoute = async ({ request }) => {
  const { config, store, webhookProcessor } = await getServices();
  return receiveDelivery(
    request,
    {
      appSecret: config.appSecret,
      facebookAppSecret: config.facebookAppSecret,
      verifyToken: config.verifyToken,
      store,
      processor: webhookProcessor,
    },
    (request) => readBodyBytes(request, BODY_LIMIT_BYTES),
  );
};
