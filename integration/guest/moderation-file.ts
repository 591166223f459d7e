import { parseDocument, type Document } from 'yaml';
import { parseModeration } from './moderation.ts';
import type { ModerationRecord } from './types.ts';

export type RecordChange = Partial<ModerationRecord> | null;

/**
 * Applies changes to an event's moderation.yaml text, keeping its comments and the entries it
 * does not touch; `null` removes a photo's entry. The result is checked by the same parser the
 * build uses, so the server never writes a file that would fail a build.
 */
export function updateModerationText(
  text: string | undefined,
  changes: Map<string, RecordChange>,
  where: string,
): string {
  const doc: Document = parseDocument(text ?? 'photos: {}\n');
  if (!doc.get('photos')) doc.set('photos', doc.createNode({}));
  const current = parseModeration(text, where);
  for (const [name, change] of changes) {
    if (change === null) {
      doc.deleteIn(['photos', name]);
      continue;
    }
    const merged = { ...current.get(name), ...change } as ModerationRecord;
    doc.setIn(['photos', name], doc.createNode(toYamlRecord(merged)));
  }
  const out = doc.toString();
  parseModeration(out, where);
  return out;
}

function toYamlRecord({ uploadedAt, ...record }: ModerationRecord): Record<string, string> {
  const entries = Object.entries({ ...record, uploaded_at: uploadedAt }).filter(
    ([, value]) => value !== undefined && value !== '',
  );
  return Object.fromEntries(entries) as Record<string, string>;
}
