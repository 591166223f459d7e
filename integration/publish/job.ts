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
  progress: { completed: number; total: number };
  carouselContainerId?: string;
  /** Set, and saved, just before `media_publish` is sent: from then on the post may exist. */
  publishingSince?: string;
  mediaId?: string;
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
