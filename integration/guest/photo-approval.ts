import { parseModeration } from './moderation.ts';
import { MODERATION_FILE, type GuestPhotoSource, type ModerationRecord } from './types.ts';

/** A guest photo's moderation status, or `missing` when its event folder has no such file. */
export type GuestPhotoStatus = ModerationRecord['status'] | 'missing';

/** The status a moderation file gives a photo: one it does not list is pending. */
export function moderationStatusOf(
  records: Map<string, ModerationRecord>,
  name: string,
): ModerationRecord['status'] {
  return records.get(name)?.status ?? 'pending';
}

/**
 * Whether a guest photo is approved now, read afresh from its event's folder and moderation file
 * (a decision may change at any time). Only `approved` may be shown on a page or published.
 */
export async function guestPhotoStatus(
  source: GuestPhotoSource,
  eventId: string,
  name: string,
): Promise<GuestPhotoStatus> {
  const { objects, moderation } = await source.listEvent(eventId);
  if (!objects.some((object) => object.name === name)) return 'missing';
  const records = parseModeration(
    moderation,
    `${source.description}/${eventId}/${MODERATION_FILE}`,
  );
  return moderationStatusOf(records, name);
}
