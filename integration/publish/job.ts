import type { ContainerStatusCode, PublishingLimit } from '../graph/index.ts';
import type { StoredPublishJob } from '../store/index.ts';

export type PublishKind = 'image' | 'carousel' | 'reel' | 'story';

export type PublishPhase =
  | 'queued'
  | 'creating_containers'
  | 'processing_videos'
  | 'creating_carousel'
  | 'publishing'
  | 'published'
  | 'failed';

/** One picture or video of the post, with the URL Instagram fetches it from (always ours). */
export interface JobItem {
  mediaType: 'image' | 'video';
  url: string;
  altText?: string;
  /** The guest photo it was made from: checked to be approved again before Instagram gets it. */
  guestPhoto?: { eventId: string; name: string };
  containerId?: string;
  containerStatus?: ContainerStatusCode;
}

export interface JobError {
  code?: number;
  subcode?: number;
  message: string;
  /** Instagram's `error_user_msg`, when it gave one. */
  userMessage?: string;
  /** What to do about it. */
  remedy: string;
}

/** A publish job as stored: every step's result is written before the next step starts. */
export interface PublishJob extends StoredPublishJob {
  kind: PublishKind;
  phase: PublishPhase;
  caption: string;
  items: JobItem[];
  /** What is posted (account, kind, items, caption, fit) as a hash: a repeat within 24 h is asked about. */
  composition?: string;
  progress: { completed: number; total: number };
  carouselContainerId?: string;
  carouselContainerStatus?: ContainerStatusCode;
  /** Set, and saved, just before `media_publish` is sent: from then on the post may exist. */
  publishingSince?: string;
  mediaId?: string;
  /** ISO: when the post went live. */
  publishedAt?: string;
  permalink?: string;
  quota?: PublishingLimit;
  error?: JobError;
  /** Attempts per step, e.g. `{ "container:2": 2, "publish": 1 }`; at most 3 each. */
  attempts: Record<string, number>;
}

/** An item's container, which `creating_containers` makes before any later phase runs. */
export function containerIdOf(item: JobItem): string {
  if (!item.containerId) throw new Error('an item of the job has no container yet');
  return item.containerId;
}

/** The container that `media_publish` takes: the carousel's, or the single item's. */
export function publishContainerId(job: PublishJob): string | undefined {
  return job.kind === 'carousel' ? job.carouselContainerId : job.items[0]?.containerId;
}

export function totalSteps(job: Pick<PublishJob, 'kind' | 'items'>): number {
  // containers, then the carousel container, then the publish itself
  return job.items.length + (job.kind === 'carousel' ? 1 : 0) + 1;
}

/** A new job, queued. `items` already carry the URLs Instagram fetches them from. */
export function newPublishJob(
  input: {
    id: string;
    idempotencyKey: string;
    accountId: string;
    kind: PublishKind;
    caption: string;
    items: JobItem[];
    composition?: string;
  },
  now = Date.now(),
): PublishJob {
  const at = new Date(now).toISOString();
  const job: PublishJob = {
    ...input,
    status: 'queued',
    phase: 'queued',
    createdAt: at,
    updatedAt: at,
    progress: { completed: 0, total: 0 },
    attempts: {},
  };
  job.progress.total = totalSteps(job);
  return job;
}

const NEEDS_NEW_CONTAINER = new Set<ContainerStatusCode | undefined>(['ERROR', 'EXPIRED']);

/**
 * A failed job made ready to run again: containers that errored or expired are dropped so new
 * ones are made (an errored container never becomes FINISHED), the others are checked again
 * (a FINISHED one may have expired since), and the carousel container is made again when any
 * of its children is new. Once `media_publish` was sent, nothing is remade: the post may exist.
 */
export function jobForRetry(job: PublishJob, now = Date.now()): PublishJob {
  const { error: _error, ...rest } = job;
  const again: PublishJob = {
    ...rest,
    status: 'queued',
    phase: job.publishingSince ? 'publishing' : 'queued',
    attempts: {},
    updatedAt: new Date(now).toISOString(),
  };
  if (job.publishingSince) return again;
  let renewed = false;
  again.items = job.items.map(({ containerId, containerStatus, ...item }) => {
    if (!containerId || NEEDS_NEW_CONTAINER.has(containerStatus)) {
      renewed ||= containerId !== undefined;
      return item;
    }
    return { ...item, containerId };
  });
  const carouselUsable =
    job.carouselContainerId !== undefined &&
    !renewed &&
    !NEEDS_NEW_CONTAINER.has(job.carouselContainerStatus);
  delete again.carouselContainerStatus;
  if (!carouselUsable) delete again.carouselContainerId;
  again.progress = {
    completed:
      again.items.filter((item) => item.containerId).length + (again.carouselContainerId ? 1 : 0),
    total: totalSteps(again),
  };
  return again;
}
