import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { clientKey } from '../access.ts';
import { guestErrorResponse } from '../guest-respond.ts';
import { EVENT_ID } from '../input-fields.ts';
import { readAccess } from '../private-gate.ts';
import { parseRequest } from '../request-input.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const schema = {
  params: z.object({ event: EVENT_ID }),
  body: z.strictObject({
    fileName: z.string().trim().min(1).max(200),
    bytes: z.int().positive(),
    contentType: z.string().max(100),
    uploader: z.string().trim().max(80).optional(),
    caption: z.string().trim().max(500).optional(),
  }),
  usage: 'Send JSON { fileName, bytes, contentType, uploader?, caption? }.',
};

/**
 * POST /api/guest/:event/uploads with `{ fileName, bytes, contentType, uploader?, caption? }`
 * → 201 `{ upload: { id, method, url, headers, completeUrl? } }`: where to PUT the file's bytes.
 * Public (guests have no login); rate-limited per address; refused outside the upload window.
 */
export const POST: APIRoute = async (context) => {
  const { params, body } = await parseRequest(schema, context);
  const { guestUploads } = await getServices();
  const access = await readAccess(params.event, context);
  if (!access.allowed && access.event)
    return jsonError(
      403,
      'private_gallery',
      `The event ${params.event} is private: open /g/${params.event}/ with its password or link first.`,
    );
  try {
    const upload = await guestUploads.start(params.event, withoutEmpty(body), clientKey(context));
    return json({ upload }, 201);
  } catch (error) {
    return guestErrorResponse(error);
  }
};

function withoutEmpty<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== ''),
  ) as T;
}
