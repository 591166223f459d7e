import type { APIRoute } from 'astro';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** POST /api/publish/:id/retry: runs a failed job again from where it stopped. */
export const POST: APIRoute = async ({ params }) => {
  const { publisher } = await getServices();
  const job = await publisher.retry(params.id ?? '');
  if (!job) return jsonError(404, 'not_found', `No publish job ${params.id}.`);
  if (job.status !== 'queued')
    return jsonError(
      409,
      'not_failed',
      `Job ${job.id} is ${job.status}; only failed jobs can be retried.`,
    );
  return json({ job }, 202);
};
