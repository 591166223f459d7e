import { z } from 'astro/zod';
import { parse as parseYaml } from 'yaml';
import type { ModerationRecord } from './types.ts';

const recordSchema = z.strictObject({
  status: z.enum(['pending', 'approved', 'rejected'], {
    error: 'must be pending, approved or rejected.',
  }),
  uploader: z.string().optional(),
  caption: z.string().optional(),
  alt: z.string().optional(),
  uploaded_at: z.iso
    .datetime({
      offset: true,
      error: 'must be an ISO date-time with an offset, e.g. 2026-04-29T19:40:00Z.',
    })
    .optional(),
});

const fileSchema = z.strictObject({
  photos: z
    .record(z.string(), recordSchema)
    .nullish()
    .transform((p) => p ?? {}),
});

/**
 * Reads an event's moderation file: `photos: { <file>: { status, uploader?, caption?, alt?, uploaded_at? } }`.
 * A photo the file does not list is pending: nothing reaches a page without approval.
 */
export function parseModeration(
  text: string | undefined,
  where: string,
): Map<string, ModerationRecord> {
  if (text === undefined) return new Map();
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    throw new Error(`${where}: not valid YAML: ${(error as Error).message}`);
  }
  const result = fileSchema.safeParse(raw);
  if (!result.success) {
    const [issue] = result.error.issues;
    if (!issue) throw result.error;
    const field = issue.path.join('.');
    throw new Error(
      `${where}: ${field ? `field \`${field}\` ` : ''}${issue.message} (format: photos: { file.jpg: { status: approved } })`,
    );
  }
  const records = new Map<string, ModerationRecord>();
  for (const [name, { uploaded_at, ...rest }] of Object.entries(result.data.photos)) {
    records.set(name, { ...rest, ...(uploaded_at && { uploadedAt: uploaded_at }) });
  }
  return records;
}
