import type { APIRoute } from 'astro';
import type { PublishJob } from '../../publish/index.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** GET /api/publish/:id: the job, its phase, progress, ids and error. */
export const GET: APIRoute = async ({ params }) => {
  const { store } = await getServices();
  const job = await store.getPublishJob<PublishJob>(params.id ?? '');
  return job ? json({ job }) : jsonError(404, 'not_found', `No publish job ${params.id}.`);
};
