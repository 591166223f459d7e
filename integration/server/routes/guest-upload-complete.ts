import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { guestErrorResponse } from '../guest-respond.ts';
import { EVENT_ID, UUID } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { json } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const schema = {
  params: z.object({ event: EVENT_ID, id: UUID }),
  usage: 'POST /api/guest/<event id>/uploads/<upload id>/complete, the completeUrl of the upload.',
};

/** POST /api/guest/:event/uploads/:id/complete after the presigned PUT to S3 → 201 `{ photo }` once the file passed the checks. */
export const POST: APIRoute = async (context) => {
  const { params } = await parseRequest(schema, context);
  const { guestUploads } = await getServices();
  try {
    const photo = await guestUploads.complete(params.event, params.id);
    return json({ photo }, 201);
  } catch (error) {
    return guestErrorResponse(error);
  }
};
