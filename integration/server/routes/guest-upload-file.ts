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
  usage:
    'PUT the file’s bytes to the url of the upload: /api/guest/<event id>/uploads/<upload id>.',
};

/** PUT /api/guest/:event/uploads/:id with the file's bytes (local guest folder) → 201 `{ photo }`, pending moderation. */
export const PUT: APIRoute = async (context) => {
  const { params } = await parseRequest(schema, context);
  const { guestUploads } = await getServices();
  try {
    const photo = await guestUploads.receive(params.event, params.id, context.request.body);
    return json({ photo }, 201);
  } catch (error) {
    return guestErrorResponse(error);
  }
};
