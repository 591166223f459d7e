import type { ResolvedOptions } from '../options.ts';
import { localGuestStorage, s3GuestStorage, type GuestStorage } from './guest-storage.ts';
import { localGuestSource } from './local-source.ts';
import { s3GuestSource } from './s3-source.ts';
import type { GuestPhotoSource } from './types.ts';

export { approvedPhotos, type GuestPhoto } from './approved-photos.ts';
export { localGuestSource } from './local-source.ts';
export { createS3Client, s3GuestSource, type S3GuestOptions } from './s3-source.ts';
export { parseModeration } from './moderation.ts';
export {
  guestPhotoStatus,
  moderationStatusOf,
  type GuestPhotoStatus,
} from './photo-approval.ts';
export type { GuestPhotoSource, GuestObject, ModerationRecord, ModerationStatus } from './types.ts';
export { localGuestStorage, s3GuestStorage, type GuestStorage } from './guest-storage.ts';
export { PendingStore, type ModeratedPhoto } from './pending-store.ts';
export {
  GuestUploads,
  type GuestUploadSettings,
  type UploadInstructions,
  type PendingUpload,
} from './guest-uploads.ts';
export {
  checkGuestUpload,
  DEFAULT_GUEST_UPLOAD_LIMITS,
  type CheckedPhoto,
  type GuestUploadLimits,
} from './upload-check.ts';
export { GuestUploadError } from './upload-errors.ts';
export { uploadWindow, eventOpenForUploads, type UploadWindow } from './upload-window.ts';
export {
  changesGalleries,
  moderatePhotos,
  undoModeration,
  type ModerationDecision,
  type ModerationOutcome,
} from './moderation-actions.ts';
export { purgeRejected } from './rejected-purge.ts';
export { waitingPhotoCount } from './waiting-count.ts';
export { guestPhotoCounts, type PhotoCounts } from './photo-counts.ts';
export { approvedNow, approvedPhotoBytes, type ApprovedNow } from './approved-now.ts';

export function guestSourceFor(
  options: ResolvedOptions['guestPhotos'],
  root: string,
): GuestPhotoSource {
  return options.source === 's3' ? s3GuestSource(options) : localGuestSource(root, options.dir);
}

export function guestStorageFor(
  options: ResolvedOptions['guestPhotos'],
  root: string,
): GuestStorage {
  return options.source === 's3' ? s3GuestStorage(options) : localGuestStorage(root, options.dir);
}
