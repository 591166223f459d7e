import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { changesGallery, reviewCandidates } from '../../tagged/index.ts';
import { EVENT_ID, MEDIA_ID } from '../input-fields.ts';
import { parseRequest, readBody } from '../request-input.ts';
import { json, jsonError, redirect, wantsHtml } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const actionSchema = z.strictObject({
  action: z.enum(['approve', 'reject', 'remove', 'restore']),
  media: z.array(MEDIA_ID).min(1).max(500),
});

const USAGE =
  'Send { action: "approve" | "reject" | "remove" | "restore", media: ["<media id>", ...] }.';

const listSchema = {
  query: z.looseObject({ event: EVENT_ID }),
  usage: 'Name the event: ?event=<event id>.',
};

/**
 * GET /api/admin/moderation/tagged?event= → `{ candidates }`: the guests' posts that tag or
 * mention the account, of every status, for the event (admin only).
 */
export const GET: APIRoute = async (context) => {
  const { event } = (await parseRequest(listSchema, context)).query;
  const { store } = await getServices();
  return json({ candidates: await store.listTaggedCandidates({ eventId: event }) });
};

/**
 * POST /api/admin/moderation/tagged with `{ action, media }`: approve or reject pending posts,
 * remove approved ones (the takedown: gone from the next build), or restore rejected and removed
 * ones to pending. Answers `{ changed }`, the ids whose status the action changed. The
 * /admin/moderation forms post the same fields.
 */
export const POST: APIRoute = async ({ request }) => {
  const html = wantsHtml(request);
  const body = (await readBody(request)) as Record<string, unknown> | undefined;
  const parsed = actionSchema.safeParse(
    html ? { action: body?.action, media: [body?.media ?? []].flat() } : body,
  );
  if (!parsed.success) {
    if (html) return redirect('/admin/moderation?done=nothing#tagged');
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || 'the body';
    return jsonError(400, 'invalid_request', `Body field "${field}": ${issue?.message}. ${USAGE}`);
  }
  const { action, media } = parsed.data;
  const { store, rebuild } = await getServices();
  const changed = await reviewCandidates(store, media, action, new Date().toISOString());
  if (changed.length > 0 && changesGallery(action))
    rebuild.request(`tagged posts: ${action === 'approve' ? 'approved' : 'removed'}`);
  return html ? redirect(`/admin/moderation?done=tagged-${action}#tagged`) : json({ changed });
};
