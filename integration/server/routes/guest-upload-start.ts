import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { clientKey } from '../access.ts';
import { guestErrorResponse } from '../guest-respond.ts';
import { json, jsonError } from '../respond.ts';
import { getServices } from '../services.ts';

export const prerender = false;

const bodySchema = z.strictObject({
  fileName: z.string().trim().min(1).max(200),
  bytes: z.int().positive(),
  contentType: z.string().max(100),
  uploader: z.string().trim().max(80).optional(),
  caption: z.string().trim().max(500).optional(),
});

/**
 * POST /api/guest/:event/uploads with `{ fileName, bytes, contentType, uploader?, caption? }`
 * → 201 `{ upload: { id, method, url, headers, completeUrl? } }`: where to PUT the file's bytes.
 * Public (guests have no login); rate-limited per address; refused outside the upload window.
 */
export const POST: APIRoute = async (context) => {
  const parsed = bodySchema.safeParse(await context.request.json().catch(() => undefined));
  if (!parsed.success)
    return jsonError(
      400,
      'invalid_request',
      'Send JSON { fileName, bytes, contentType, uploader?, caption? }.',
    );
  const { guestUploads } = await getServices();
  try {
    const upload = await guestUploads.start(
      context.params.event ?? '',
      withoutEmpty(parsed.data),
      clientKey(context),
    );
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
