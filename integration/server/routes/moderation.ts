import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { changesGalleries, moderatePhotos, undoModeration } from '../../guest/index.ts';
import { guestErrorResponse } from '../guest-respond.ts';
import { EVENT_ID, PHOTO_NAME } from '../input-fields.ts';
import { parseRequest, readBody } from '../request-input.ts';
import { json, jsonError, redirect, wantsHtml } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const EVENT = EVENT_ID;
const NAME = PHOTO_NAME;
const STATUS = z.enum(['pending', 'approved', 'rejected']);

const actionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.enum(['approve', 'reject']),
    event: EVENT,
    names: z.array(NAME).min(1).max(500),
  }),
  z.strictObject({
    action: z.literal('undo'),
    event: EVENT,
    photos: z
      .array(z.strictObject({ name: NAME, from: STATUS }))
      .min(1)
      .max(500),
  }),
]);

const listSchema = {
  query: z.looseObject({ event: EVENT }),
  usage: 'Name the event: ?event=<event id>.',
};

/** GET /api/admin/moderation?event= → `{ photos }`: the event's pending guest photos (admin only). */
export const GET: APIRoute = async (context) => {
  const { event } = (await parseRequest(listSchema, context)).query;
  const { guestPhotos } = await getServices();
  return json({ photos: await guestPhotos.listPending(event) });
};

/**
 * POST /api/admin/moderation with JSON `{ action: "approve" | "reject", event, names }` or
 * `{ action: "undo", event, photos: [{ name, from }] }` (the `photos` of the answer being undone).
 * The /admin/moderation form posts the same fields without JavaScript.
 */
export const POST: APIRoute = async ({ request }) => {
  const html = wantsHtml(request);
  const body = await readBody(request);
  const parsed = actionSchema.safeParse(html ? formInput(body) : body);
  if (!parsed.success) {
    return html
      ? redirect('/admin/moderation?notice=nothing-selected')
      : jsonError(
          400,
          'invalid_request',
          'Send { action: "approve" | "reject", event, names: [...] } or { action: "undo", event, photos: [{ name, from }] }.',
        );
  }
  const { guestPhotos, rebuild } = await getServices();
  const input = parsed.data;
  try {
    const outcome =
      input.action === 'undo'
        ? await undoModeration(guestPhotos, input.event, input.photos)
        : await moderatePhotos(guestPhotos, input.event, input.names, input.action);
    if (changesGalleries(outcome)) rebuild.request('guest photos approved');
    return html
      ? redirect(`/admin/moderation?event=${input.event}&done=${input.action}`)
      : json({ outcome });
  } catch (error) {
    return guestErrorResponse(error);
  }
};

/** The /admin/moderation form's fields: `names` once per ticked photo. */
function formInput(body: unknown) {
  const form = (body ?? {}) as Record<string, unknown>;
  const names = form.names === undefined ? [] : [form.names].flat();
  return { action: form.action, event: form.event, names };
}
