import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { PublishInputError } from '../../publish/prepare/index.ts';
import { RepeatPublishError, type PublishJob } from '../../publish/index.ts';
import { parseRequest, readBody } from '../request-input.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const listSchema = {
  query: z.looseObject({
    status: z.enum(['queued', 'running', 'published', 'failed', '']).optional(),
  }),
  usage: 'status must be queued, running, published or failed.',
};

/**
 * POST /api/publish: a publish request → 202 with the job (200 with the existing one for a
 * repeated idempotency key); 409 for a guest photo not approved, and for a post published in
 * the last 24 hours unless the request says `confirmRepeat: true`.
 */
export const POST: APIRoute = async ({ request }) => {
  const { publisher } = await getServices();
  const input = await readBody(request);
  if (input === undefined)
    return jsonError(
      400,
      'invalid_json',
      'Send the publish request as JSON (Content-Type: application/json).',
    );
  try {
    const { job, created, warnings } = await publisher.submit(input);
    return json({ job, warnings }, created ? 202 : 200, { location: `/api/publish/${job.id}` });
  } catch (error) {
    if (error instanceof RepeatPublishError)
      return json(
        { error: { code: 'repeat_publish', message: error.message, previous: error.previous } },
        409,
      );
    if (!PublishInputError.is(error)) throw error;
    return json(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(error.field && { field: error.field }),
        },
      },
      error.status ?? 400,
    );
  }
};

/** GET /api/publish?status=queued|running|published|failed: the job history, newest first. */
export const GET: APIRoute = async (context) => {
  const { status } = (await parseRequest(listSchema, context)).query;
  const { store } = await getServices();
  const jobs = await store.listPublishJobs<PublishJob>({
    ...(status && { status }),
  });
  return json({ jobs });
};
