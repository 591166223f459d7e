export {
  jobForRetry,
  newPublishJob,
  publishContainerId,
  totalSteps,
  type JobError,
  type JobItem,
  type PublishJob,
  type PublishKind,
  type PublishPhase,
} from './job.ts';
export { runPublishJob, type GuestApproval, type RunnerDeps } from './run-publish-job.ts';
export { PublishQueue, type PublishQueueOptions } from './publish-queue.ts';
export {
  DEFAULT_JOB_LEASE,
  jobLeaseOf,
  JobTakenOverError,
  type JobLeaseSettings,
} from './job-lease.ts';
export {
  localMediaHost,
  s3MediaHost,
  readSignedMedia,
  MEDIA_ROUTE,
  type MediaHost,
} from './media-host.ts';
export {
  GuestPhotoNotApprovedError,
  jobError,
  recoveryFor,
  RepeatPublishError,
  type Recovery,
  type RepeatedJob,
} from './publish-errors.ts';
export { compositionOf, REPEAT_WINDOW_MS } from './composition.ts';
export { waitForMediaUrls, type MediaWaitOptions } from './media-reachable.ts';
export {
  PublishService,
  type PublishServiceOptions,
  type Submitted,
  type ResolvedSource,
} from './publish-service.ts';
export { UploadStaging, UPLOAD_LIMITS, type StagedUpload } from './upload-staging.ts';
export {
  localStagedFiles,
  s3StagedFiles,
  type StagedFileInfo,
  type StagedFiles,
} from './staged-files.ts';
export {
  canPublish,
  missingPublishPermission,
  PUBLISH_PERMISSION,
} from './publish-permission.ts';
export { sourceResolver, type SourceResolverDeps } from './resolve-source.ts';
export {
  approvedGuestPhotos,
  defaultPublishEvent,
  guestSource,
  isPrivateEvent,
  publishableEvents,
  type PublishableEvent,
  type PublishablePhoto,
  type SiteSources,
} from './publishable-photos.ts';
