import { z } from 'astro/zod';

// The fields several routes share. The length caps keep every name well inside a file system's
// 255-byte limit for one path segment, so a long value is a 400, never ENAMETOOLONG.

/** An Instagram user id, as listed by GET /api/instagram/accounts. */
export const ACCOUNT_ID = z
  .string()
  .regex(
    /^\d{1,30}$/,
    'expected an Instagram user id (digits only), as GET /api/instagram/accounts lists them',
  );

/** An Instagram media id. */
export const MEDIA_ID = z
  .string()
  .regex(/^\d{1,30}$/, 'expected an Instagram media id (digits only)');

/** An event id: the name of its file in content/events, e.g. `2026-04-29`. */
export const EVENT_ID = z
  .string()
  .max(100, 'an event id has at most 100 characters')
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected an event id such as 2026-04-29 (a-z, 0-9 and -)');

/** A guest photo's file name within its event. */
export const PHOTO_NAME = z
  .string()
  .max(200, 'a file name has at most 200 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a file name such as IMG_0001.jpg');

/** The ids this server makes for jobs and upload tickets. */
export const UUID = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'expected an id such as 0b7c6f2e-1d2a-4c59-9a3e-52f1c1d2e3f4, as the server gave it',
  );

/** `1`/`true` or `0`/`false`, as a query or form field sends a yes or no. */
export const FLAG = z
  .union([z.boolean(), z.literal([0, 1]), z.enum(['1', 'true', '0', 'false', ''])], {
    error: 'expected 1 or 0',
  })
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true');
