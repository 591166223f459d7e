import type { OutgoingEndpoint, StateStore } from '../store/index.ts';
import { newEndpointId, newEndpointSecret, ROTATION_OVERLAP_MS } from './endpoint-secret.ts';
import { endpointUrl } from './endpoint-url.ts';
import type { OutgoingEventType } from './event-types.ts';

type EndpointStore = Pick<StateStore, 'addOutgoingEndpoint' | 'rotateOutgoingSecret'>;

/** Adds an endpoint with a new secret; the caller shows `endpoint.secret` once. */
export async function addEndpoint(
  store: EndpointStore,
  input: { url: string; events: OutgoingEventType[] },
  now = Date.now(),
): Promise<OutgoingEndpoint> {
  const endpoint: OutgoingEndpoint = {
    id: newEndpointId(),
    url: endpointUrl(input.url),
    events: [...new Set(input.events)],
    secret: newEndpointSecret(),
    createdAt: new Date(now).toISOString(),
  };
  await store.addOutgoingEndpoint(endpoint);
  return endpoint;
}

/**
 * Gives the endpoint a new secret (returned, to show once); the old one still signs until
 * `ROTATION_OVERLAP_MS` from now. Undefined when there is no such endpoint.
 */
export async function rotateEndpointSecret(
  store: EndpointStore,
  id: string,
  now = Date.now(),
): Promise<string | undefined> {
  const secret = newEndpointSecret();
  const until = new Date(now + ROTATION_OVERLAP_MS).toISOString();
  return (await store.rotateOutgoingSecret(id, secret, until)) ? secret : undefined;
}
