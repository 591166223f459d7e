import { parseModeration } from './moderation.ts';
import { MODERATION_FILE, type GuestPhotoSource, type ModerationRecord } from './types.ts';

/** A guest photo's moderation status, or `missing` when there is no such photo to publish. */
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
  const records = parseModeration(
    moderation,
    `${source.description}/${eventId}/${MODERATION_FILE}`,
  );
  const status = moderationStatusOf(records, name);
  // Moderation moves a rejected or pending file out of the event folder; its entry stays.
  if (!objects.some((object) => object.name === name))
    return records.has(name) && status !== 'approved' ? status : 'missing';
  return status;
}
