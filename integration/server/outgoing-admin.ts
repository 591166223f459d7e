import { z } from 'astro/zod';
import {
  addEndpoint,
  EndpointUrlError,
  EVENT_TYPE_NAMES,
  rotateEndpointSecret,
  ROTATION_OVERLAP_MS,
} from '../outgoing/index.ts';
import type { OutgoingEndpoint } from '../store/index.ts';
import { RequestInputError } from './request-input.ts';
import type { Services } from './services.ts';

/**
 * What /admin/webhooks and the /api/admin/webhooks routes do, with their inputs checked: each
 * refusal is a RequestInputError naming the parameter (400), or a 404 for an unknown id.
 */

export const ENDPOINT_ID = z
  .string()
  .regex(
    /^ep_[0-9a-f]{16}$/,
    'expected an endpoint id such as ep_0123456789abcdef, as /admin/webhooks lists them',
  );

export const DELIVERY_SEQ = z
  .string()
  .regex(
    /^\d{1,15}$/,
    'expected a delivery number, as the delivery log of /admin/webhooks lists them',
  )
  .transform(Number);

const EVENT_TYPE = z.enum(EVENT_TYPE_NAMES, {
  error: `expected one of ${EVENT_TYPE_NAMES.join(', ')}`,
});

/** An endpoint to add: a form sends one `events` field per ticked box, JSON an array. */
export const ENDPOINT_INPUT = z.object({
  url: z
    .string({ error: 'expected the URL that receives the webhooks' })
    .max(2000, 'at most 2000 characters'),
  events: z.union(
    [
      EVENT_TYPE.transform((type) => [type]),
      z.array(EVENT_TYPE).min(1).max(EVENT_TYPE_NAMES.length),
    ],
    { error: `choose at least one event: ${EVENT_TYPE_NAMES.join(', ')}` },
  ),
});

export const ENDPOINT_USAGE =
  'Send { "url": "https://…", "events": ["post.published", …] } to add an endpoint (docs/outgoing-webhooks.md).';

/** An endpoint as shown: never its secrets. */
export function publicEndpoint({
  id,
  url,
  events,
  createdAt,
  previousSecretUntil,
}: OutgoingEndpoint) {
  return { id, url, events, createdAt, ...(previousSecretUntil && { previousSecretUntil }) };
}

export async function addWebhookEndpoint(
  { store }: Pick<Services, 'store'>,
  input: z.output<typeof ENDPOINT_INPUT>,
): Promise<OutgoingEndpoint> {
  try {
    return await addEndpoint(store, input);
  } catch (error) {
    if (error instanceof EndpointUrlError)
      throw new RequestInputError(
        400,
        'invalid_request',
        `Body field "url": ${error.message}`,
        'url',
      );
    throw error;
  }
}

export async function removeWebhookEndpoint({ store }: Pick<Services, 'store'>, id: string) {
  if (!(await store.deleteOutgoingEndpoint(id))) throw unknownEndpoint(id);
}

/** The new secret, and until when the old one still signs. */
export async function rotateWebhookSecret({ store }: Pick<Services, 'store'>, id: string) {
  const now = Date.now();
  const secret = await rotateEndpointSecret(store, id, now);
  if (secret === undefined) throw unknownEndpoint(id);
  return { secret, previousSecretUntil: new Date(now + ROTATION_OVERLAP_MS).toISOString() };
}

export async function replayWebhookDelivery({ outgoing }: Pick<Services, 'outgoing'>, seq: number) {
  if (!(await outgoing.replay(seq)))
    throw new RequestInputError(
      404,
      'not_found',
      `No delivery ${seq}: choose one from the delivery log of /admin/webhooks.`,
      'seq',
    );
}

function unknownEndpoint(id: string): RequestInputError {
  return new RequestInputError(
    404,
    'not_found',
    `No webhook endpoint ${id}: choose one that /admin/webhooks lists.`,
    'id',
  );
}

/** What a form of /admin/webhooks did: a secret to show once, or a notice. */
export interface WebhookFormOutcome {
  shown?: { secret: string; url: string; rotated: boolean; endpointId: string };
  done?: string;
}

/**
 * What the page keeps in the session across its Post/Redirect/Get: the outcome without the
 * secret (the session store is not encrypted), which `outcomeFromFlash` reads back, decrypted,
 * from the endpoint itself.
 */
export interface WebhookFormFlash {
  shown?: { endpointId: string; rotated: boolean };
  done?: string;
}

export const flashOfOutcome = ({ shown, done }: WebhookFormOutcome): WebhookFormFlash => ({
  ...(shown && { shown: { endpointId: shown.endpointId, rotated: shown.rotated } }),
  ...(done && { done }),
});

export async function outcomeFromFlash(
  services: Pick<Services, 'store'>,
  flash: WebhookFormFlash | undefined,
): Promise<WebhookFormOutcome> {
  if (!flash?.shown) return { ...(flash?.done && { done: flash.done }) };
  const endpoint = await services.store.getOutgoingEndpoint(flash.shown.endpointId);
  if (!endpoint) return {};
  return {
    shown: {
      secret: endpoint.secret,
      url: endpoint.url,
      rotated: flash.shown.rotated,
      endpointId: endpoint.id,
    },
  };
}

/** Runs the form posted to /admin/webhooks (`action`: add, remove, rotate or replay). */
export async function webhookFormAction(
  services: Pick<Services, 'store' | 'outgoing'>,
  form: URLSearchParams,
): Promise<WebhookFormOutcome> {
  const action = form.get('action');
  if (action === 'add') {
    const input = formField(
      ENDPOINT_INPUT,
      { url: form.get('url') ?? undefined, events: form.getAll('events') },
      'url',
    );
    const endpoint = await addWebhookEndpoint(services, input);
    return {
      shown: {
        secret: endpoint.secret,
        url: endpoint.url,
        rotated: false,
        endpointId: endpoint.id,
      },
    };
  }
  if (action === 'remove') {
    await removeWebhookEndpoint(services, formField(ENDPOINT_ID, form.get('id'), 'id'));
    return { done: 'Endpoint removed, with its deliveries.' };
  }
  if (action === 'rotate') {
    const id = formField(ENDPOINT_ID, form.get('id'), 'id');
    const { secret } = await rotateWebhookSecret(services, id);
    const url = (await services.store.getOutgoingEndpoint(id))?.url ?? id;
    return { shown: { secret, url, rotated: true, endpointId: id } };
  }
  if (action === 'replay') {
    const seq = formField(DELIVERY_SEQ, form.get('seq'), 'seq');
    await replayWebhookDelivery(services, seq);
    return { done: `Delivery ${seq} will be sent again.` };
  }
  throw new RequestInputError(
    400,
    'invalid_request',
    'Form field "action": expected add, remove, rotate or replay.',
    'action',
  );
}

function formField<T extends z.ZodType>(schema: T, input: unknown, name: string): z.output<T> {
  const result = schema.safeParse(input ?? undefined);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue?.path.length ? issue.path.map(String)[0] : name;
  throw new RequestInputError(
    400,
    'invalid_request',
    `Form field "${at}": ${issue?.message ?? 'not valid'}.`,
    at,
  );
}
