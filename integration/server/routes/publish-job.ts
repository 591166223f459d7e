import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import type { PublishJob } from '../../publish/index.ts';
import { UUID } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const schema = {
  params: z.object({ id: UUID }),
  usage: 'Name a job by the id POST /api/publish answered with: /api/publish/<job id>.',
};

/** GET /api/publish/:id: the job, its phase, progress, ids and error. */
export const GET: APIRoute = async (context) => {
  const { id } = (await parseRequest(schema, context)).params;
  const { store } = await getServices();
  const job = await store.getPublishJob<PublishJob>(id);
  return job ? json({ job }) : jsonError(404, 'not_found', `No publish job ${id}.`);
};
