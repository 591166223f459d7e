import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { changesGalleries, moderatePhotos, undoModeration } from '../../guest/index.ts';
import { guestErrorResponse } from '../guest-respond.ts';
import { json, jsonError, redirect, wantsHtml } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const EVENT = z.string().regex(/^[a-z0-9][a-z0-9-]*$/);
const NAME = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
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

/** GET /api/admin/moderation?event= → `{ photos }`: the event's pending guest photos (admin only). */
export const GET: APIRoute = async ({ url }) => {
  const event = EVENT.safeParse(url.searchParams.get('event'));
  if (!event.success)
    return jsonError(400, 'invalid_request', 'Name the event: ?event=<event id>.');
  const { guestPhotos } = await getServices();
  return json({ photos: await guestPhotos.listPending(event.data) });
};

/**
 * POST /api/admin/moderation with JSON `{ action: "approve" | "reject", event, names }` or
 * `{ action: "undo", event, photos: [{ name, from }] }` (the `photos` of the answer being undone).
 * The /admin/moderation form posts the same fields without JavaScript.
 */
export const POST: APIRoute = async ({ request }) => {
  const html = wantsHtml(request);
  const parsed = actionSchema.safeParse(
    html ? await formInput(request) : await request.json().catch(() => undefined),
  );
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

async function formInput(request: Request) {
  const form = await request.formData().catch(() => undefined);
  return (
    form && { action: form.get('action'), event: form.get('event'), names: form.getAll('names') }
  );
}
