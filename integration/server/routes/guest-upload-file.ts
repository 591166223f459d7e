import type { APIRoute } from 'astro';
import { guestErrorResponse } from '../guest-respond.ts';
import { json } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

/** PUT /api/guest/:event/uploads/:id with the file's bytes (local guest folder) → 201 `{ photo }`, pending moderation. */
export const PUT: APIRoute = async ({ params, request }) => {
  const { guestUploads } = await getServices();
  try {
    const photo = await guestUploads.receive(params.event ?? '', params.id ?? '', request.body);
    return json({ photo }, 201);
  } catch (error) {
    return guestErrorResponse(error);
  }
};
