import type { APIRoute } from 'astro';
import { PublishInputError } from '../../publish/prepare/index.ts';
import { json } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/**
 * POST /api/publish/uploads?name=<file name>: the file's bytes as the body (one file per
 * request, so a page can show each file's progress) → 201 with the staged upload, whose `id`
 * a publish request names as `{ type: 'upload', uploadId }`.
 */
export const POST: APIRoute = async ({ request, url }) => {
  const { uploads } = await getServices();
  try {
    const upload = await uploads.save(request.body, url.searchParams.get('name'));
    return json({ upload }, 201);
  } catch (error) {
    if (!PublishInputError.is(error)) throw error;
    const status = error.code === 'upload_too_large' ? 413 : 400;
    return json({ error: { code: error.code, message: error.message } }, status);
  }
};
