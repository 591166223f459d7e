import { GuestUploadError } from '../guest/index.ts';
import { jsonError } from './respond.ts';

/** A refused guest upload or moderation request as the one JSON error shape; anything else is rethrown. */
export function guestErrorResponse(error: unknown): Response {
  if (!GuestUploadError.is(error)) throw error;
  const headers: Record<string, string> =
    error.code === 'rate_limited' ? { 'retry-after': '600' } : {};
  return jsonError(error.status, error.code, error.message, headers);
}
