import type { StateStore, StoredWebhookEvent } from '../store/index.ts';
import { eventsOfDelivery, MalformedDeliveryError } from './delivery.ts';
import { hasValidSignature } from './signature.ts';
import { subscriptionChallenge } from './subscription.ts';
import type { WebhookProcessor } from './webhook-processor.ts';

export interface WebhookEndpointDeps {
  /** INSTAGRAM_APP_SECRET: the key of `X-Hub-Signature-256`. */
  appSecret?: string;
  /**
   * FACEBOOK_APP_SECRET: accounts connected with Facebook Login are the Meta app's, and Meta signs
   * their notifications (`mentions`) with its secret. Either key is accepted.
   */
  facebookAppSecret?: string;
  /** INSTAGRAM_VERIFY_TOKEN: what was typed in the Meta dashboard. */
  verifyToken?: string;
  store: Pick<StateStore, 'addWebhookEvents'>;
  processor: Pick<WebhookProcessor, 'schedule'>;
  now?: () => number;
}

/** GET: Meta's subscription check. Answers the challenge as plain text, or 403. */
export function verifySubscription(
  url: URL,
  deps: Pick<WebhookEndpointDeps, 'verifyToken'>,
): Response {
  const challenge = subscriptionChallenge(url.searchParams, deps.verifyToken);
  if (challenge === undefined) return text(403, 'Forbidden');
  return text(200, challenge);
}

/**
 * POST: a delivery, its bytes read by `readBody` (the server's reads at most 1 MiB). Signature
 * over the raw bytes first (401), then the events are stored
 * (de-duplicated) and the answer goes out; their effects run afterwards, so Meta gets its 200
 * within milliseconds whatever processing costs.
 */
export async function receiveDelivery(
  request: Request,
  deps: WebhookEndpointDeps,
  readBody: (request: Request) => Promise<Uint8Array> = async (request) =>
    new Uint8Array(await request.arrayBuffer()),
): Promise<Response> {
  const secrets = [deps.appSecret, deps.facebookAppSecret].filter((secret) => secret !== undefined);
  if (secrets.length === 0)
    return text(503, 'Webhooks are not configured: set INSTAGRAM_APP_SECRET.');
  const body = await readBody(request);
  const signature = request.headers.get('x-hub-signature-256');
  if (!secrets.some((secret) => hasValidSignature(secret, body, signature))) {
    return text(401, 'Missing or wrong X-Hub-Signature-256.');
  }
  let events: StoredWebhookEvent[];
  try {
    events = eventsOfDelivery(body, new Date((deps.now ?? Date.now)()).toISOString());
  } catch (error) {
    if (error instanceof MalformedDeliveryError) return text(400, error.message);
    throw error;
  }
  const stored = await deps.store.addWebhookEvents(events);
  deps.processor.schedule();
  return new Response(JSON.stringify({ received: events.length, new: stored.length }), {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function text(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
}
