import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { UUID } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const schema = {
  params: z.object({ id: UUID }),
  usage: 'Name a failed job by its id: /api/publish/<job id>/retry.',
};

/** POST /api/publish/:id/retry: runs a failed job again from where it stopped. */
export const POST: APIRoute = async (context) => {
  const { id } = (await parseRequest(schema, context)).params;
  const { publisher } = await getServices();
  const job = await publisher.retry(id);
  if (!job) return jsonError(404, 'not_found', `No publish job ${id}.`);
  if (job.status !== 'queued')
    return jsonError(
      409,
      'not_failed',
      `Job ${job.id} is ${job.status}; only failed jobs can be retried.`,
    );
  return json({ job }, 202);
};
