export {
  newPublishJob,
  publishContainerId,
  totalSteps,
  type JobError,
  type JobItem,
  type PublishJob,
  type PublishKind,
  type PublishPhase,
} from './job.ts';
export { runPublishJob, type RunnerDeps } from './run-publish-job.ts';
export { PublishQueue, type PublishQueueOptions } from './publish-queue.ts';
export {
  localMediaHost,
  s3MediaHost,
  readSignedMedia,
  MEDIA_ROUTE,
  type MediaHost,
} from './media-host.ts';
export { jobError, recoveryFor, type Recovery } from './publish-errors.ts';
export {
  PublishService,
  type PublishServiceOptions,
  type ResolvedSource,
} from './publish-service.ts';
export { UploadStaging, UPLOAD_LIMITS, type StagedUpload } from './upload-staging.ts';
export { sourceResolver, type SourceResolverDeps } from './resolve-source.ts';
export {
  approvedGuestPhotos,
  defaultPublishEvent,
  publishableEvents,
  type PublishableEvent,
  type PublishablePhoto,
} from './publishable-photos.ts';
