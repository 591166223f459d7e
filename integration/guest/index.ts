import type { ResolvedOptions } from '../options.ts';
import { localGuestSource } from './local-source.ts';
import { s3GuestSource } from './s3-source.ts';
import type { GuestPhotoSource } from './types.ts';

export { approvedPhotos, type GuestPhoto } from './approved-photos.ts';
export { localGuestSource } from './local-source.ts';
export { createS3Client, s3GuestSource, type S3GuestOptions } from './s3-source.ts';
export { parseModeration } from './moderation.ts';
export type { GuestPhotoSource, GuestObject, ModerationRecord, ModerationStatus } from './types.ts';

export function guestSourceFor(options: ResolvedOptions['guestPhotos'], root: string): GuestPhotoSource {
  return options.source === 's3' ? s3GuestSource(options) : localGuestSource(root, options.dir);
}
