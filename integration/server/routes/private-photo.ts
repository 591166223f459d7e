import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { EVENT_ID, PHOTO_NAME } from '../input-fields.ts';
import { readAccess } from '../private-gate.ts';
import { PRIVATE_PHOTO_WIDTHS, privatePhotoResponse } from '../private-photos.ts';
import { parseRequest } from '../request-input.ts';
import { jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const WIDTHS = PRIVATE_PHOTO_WIDTHS.map(String);

const schema = {
  params: z.object({ event: EVENT_ID, name: PHOTO_NAME }),
  query: z.looseObject({
    w: z
      .string()
      .refine((w) => WIDTHS.includes(w), `expected one of ${WIDTHS.join(', ')} pixels`)
      .transform((w) => Number(w) as (typeof PRIVATE_PHOTO_WIDTHS)[number])
      .optional(),
  }),
  usage: `Ask for /g/<event id>/photos/<file name>?w=<${WIDTHS.join('|')}>.`,
};

/**
 * GET /g/:event/photos/:name?w= → a WebP of an approved guest photo of a private event, for a
 * browser the event's gate lets in (its cookie, or `?k=`). Public events' photos are static files.
 */
export const GET: APIRoute = async (context) => {
  const { params, query } = await parseRequest(schema, context);
  const access = await readAccess(params.event, context);
  if (access.event?.visibility !== 'private')
    return jsonError(404, 'not_found', `No private event ${params.event}.`);
  if (!access.allowed)
    return jsonError(
      403,
      'private_gallery',
      `The gallery ${params.event} is private: open it with its password or link at /g/${params.event}/ first.`,
    );
  const width = query.w ?? 960;
  const response = await privatePhotoResponse(
    await getServices(),
    access.event,
    params.name,
    width,
  );
  return (
    response ?? jsonError(404, 'not_found', `No approved photo ${params.name} in ${params.event}.`)
  );
};
