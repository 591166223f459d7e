import type { APIRoute } from 'astro';
import { guestErrorResponse } from '../guest-respond.ts';
import { json } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** POST /api/guest/:event/uploads/:id/complete after the presigned PUT to S3 → 201 `{ photo }` once the file passed the checks. */
export const POST: APIRoute = async ({ params }) => {
  const { guestUploads } = await getServices();
  try {
    const photo = await guestUploads.complete(params.event ?? '', params.id ?? '');
    return json({ photo }, 201);
  } catch (error) {
    return guestErrorResponse(error);
  }
};
