import pLimit from 'p-limit';
import {
  createContainer,
  getContainerStatus,
  getPermalink,
  getPublishingLimit,
  GraphError,
  publishContainer,
  type ContainerParams,
  type ContainerStatus,
  type GraphClient,
} from '../graph/index.ts';
import type { GuestPhotoStatus } from '../guest/index.ts';
import type { Lease, StateStore } from '../store/index.ts';
import {
  containerIdOf,
  publishContainerId,
  type JobItem,
  type PublishJob,
  type PublishPhase,
} from './job.ts';
import { JobTakenOverError } from './job-lease.ts';
import { GuestPhotoNotApprovedError, jobError, recoveryFor } from './publish-errors.ts';

/** A guest photo's moderation status now (see `guestPhotoStatus` in guest/). */
export type GuestApproval = (eventId: string, name: string) => Promise<GuestPhotoStatus>;

export interface RunnerDeps {
  store: StateStore;
  /** A client for the job's account. */
  client: GraphClient;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Containers created at once. Default 4. */
  concurrency?: number;
  /** Status polling starts at this interval and doubles up to `pollMaxMs`. Defaults 2 s and 30 s. */
  pollStartMs?: number;
  pollMaxMs?: number;
  /** How long videos may process before the job fails. Default 10 minutes. */
  processingTimeoutMs?: number;
  /**
   * How long a `media_publish` whose answer never came (a crash, a timeout, a lost connection)
   * may still turn into a post: until then a FINISHED container is read again, never published
   * a second time. Default 60 s.
   */
  inFlightGraceMs?: number;
  /** Called after every saved step (live progress). */
  onUpdate?: (job: PublishJob) => void;
  /**
   * Reads whether a guest photo is approved now: asked just before each guest photo's container
   * is made and before `media_publish`. Without it, a job with a guest photo fails.
   */
  guestApproval?: GuestApproval;
  /**
   * The lease this run holds the job under (see `job-lease.ts`): each save goes through only
   * while it is held, and renews it. Once another instance took the job over, the next save
   * throws `JobTakenOverError` and the run stops, before sending Instagram anything more: the
   * save of `publishingSince` comes before every `media_publish`.
   */
  lease?: () => Lease;
}

const MAX_ATTEMPTS = 3;

class StepFailed extends Error {}

/**
 * Runs (or resumes) a job to `published` or `failed`. Each step's result is saved before the
 * next starts, so a restart continues where it stopped; `media_publish` is preceded by a saved
 * `publishingSince`, and after a crash or a lost answer the container's status decides —
 * `PUBLISHED` means the post exists and is never published again.
 */
export async function runPublishJob(initial: PublishJob, deps: RunnerDeps): Promise<PublishJob> {
  const run = new JobRun(structuredClone(initial), deps);
  return run.toEnd();
}

class JobRun {
  readonly #deps: Required<Omit<RunnerDeps, 'onUpdate' | 'guestApproval' | 'lease'>> &
    Pick<RunnerDeps, 'onUpdate' | 'guestApproval' | 'lease'>;
  job: PublishJob;

  constructor(job: PublishJob, deps: RunnerDeps) {
    this.job = job;
    this.#deps = {
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      concurrency: 4,
      pollStartMs: 2_000,
      pollMaxMs: 30_000,
      processingTimeoutMs: 10 * 60_000,
      inFlightGraceMs: 60_000,
      ...deps,
    };
  }

  async toEnd(): Promise<PublishJob> {
    if (this.job.status === 'published' || this.job.status === 'failed') return this.job;
    try {
      if (this.job.publishingSince)
        await this.#publish(); // resuming after media_publish was sent
      else {
        if (this.job.phase === 'queued') await this.#checkQuota();
        await this.#createItemContainers();
        await this.#waitForItems();
        if (this.job.kind === 'carousel') await this.#createCarousel();
        await this.#publish();
      }
    } catch (error) {
      if (error instanceof JobTakenOverError) throw error; // the job is another instance's now
      if (!(error instanceof StepFailed)) await this.#fail(jobError(error, this.job.phase));
    }
    return this.job;
  }

  async #checkQuota(): Promise<void> {
    const quota = await this.#withRetries('quota', () =>
      getPublishingLimit(this.#deps.client, this.job.accountId),
    );
    this.job.quota = quota;
    if (quota.used >= quota.total) {
      await this.#fail({
        code: 9,
        subcode: 2207042,
        message: `The account has published ${quota.used} of ${quota.total} posts allowed in ${quota.durationSeconds / 3600} hours.`,
        remedy:
          'Publish again once the oldest of those posts is 24 hours old; nothing was created.',
      });
      throw new StepFailed();
    }
    await this.#enter('creating_containers');
  }

  async #createItemContainers(): Promise<void> {
    const limit = pLimit(this.#deps.concurrency);
    await Promise.all(
      this.job.items.map((item, index) =>
        item.containerId ? undefined : limit(() => this.#createItem(item, index)),
      ),
    );
    await this.#enter('processing_videos');
  }

  async #createItem(item: JobItem, index: number): Promise<void> {
    await this.#checkApproved(item);
    const params = this.#itemParams(item);
    const id = await this.#withRetries(`container:${index}`, () =>
      createContainer(this.#deps.client, this.job.accountId, params),
    );
    item.containerId = id;
    item.containerStatus = 'IN_PROGRESS';
    this.job.progress.completed++;
    await this.#save();
  }

  #itemParams(item: JobItem): ContainerParams {
    const media = item.mediaType === 'image' ? { image_url: item.url } : { video_url: item.url };
    const alt = item.mediaType === 'image' && item.altText ? { alt_text: item.altText } : {};
    switch (this.job.kind) {
      case 'carousel':
        return {
          ...media,
          ...alt,
          is_carousel_item: true,
          ...(item.mediaType === 'video' && { media_type: 'VIDEO' }),
        };
      case 'reel':
        return {
          ...media,
          media_type: 'REELS',
          share_to_feed: true,
          ...(this.job.caption && { caption: this.job.caption }),
        };
      case 'story':
        return { ...media, media_type: 'STORIES' };
      default:
        return { ...media, ...alt, ...(this.job.caption && { caption: this.job.caption }) };
    }
  }

  /** Waits until every item container is FINISHED; an expired one is made again, a failed one fails the job. */
  async #waitForItems(): Promise<void> {
    const limit = pLimit(this.#deps.concurrency);
    await Promise.all(
      this.job.items.map((item, index) => limit(() => this.#waitForItem(item, index))),
    );
    await this.#enter(this.job.kind === 'carousel' ? 'creating_carousel' : 'publishing');
  }

  async #waitForItem(item: JobItem, index: number): Promise<void> {
    if (item.containerStatus === 'FINISHED') return;
    let status = await this.#waitFinished(containerIdOf(item), `container:${index}`);
    while (status.statusCode === 'EXPIRED') {
      this.#countAttempt(
        `container:${index}`,
        new Error(`the container of item ${index + 1} expired`),
      );
      await this.#checkApproved(item);
      if (this.job.carouselContainerId) {
        // it holds the expired child: made again once this one is new
        delete this.job.carouselContainerId;
        this.job.progress.completed--;
      }
      item.containerId = await createContainer(
        this.#deps.client,
        this.job.accountId,
        this.#itemParams(item),
      );
      await this.#save();
      status = await this.#waitFinished(item.containerId, `container:${index}`);
    }
    if (status.statusCode === 'ERROR') {
      item.containerStatus = 'ERROR'; // a retry makes a new one
      await this.#save();
      throw containerFailed(status, `item ${index + 1}`);
    }
    item.containerStatus = 'FINISHED';
  }

  async #createCarousel(): Promise<void> {
    if (!this.job.carouselContainerId) {
      const params: ContainerParams = {
        media_type: 'CAROUSEL',
        children: this.job.items.map(containerIdOf),
        ...(this.job.caption && { caption: this.job.caption }),
      };
      this.job.carouselContainerId = await this.#withRetries('carousel', () =>
        createContainer(this.#deps.client, this.job.accountId, params),
      );
      this.job.progress.completed++;
      await this.#save();
    }
    const status = await this.#waitFinished(this.job.carouselContainerId, 'carousel');
    if (status.statusCode !== 'FINISHED') {
      this.job.carouselContainerStatus = status.statusCode; // a retry makes a new one
      await this.#save();
      throw containerFailed(status, 'the carousel');
    }
    await this.#enter('publishing');
  }

  async #publish(): Promise<void> {
    const container = publishContainerId(this.job);
    if (!container) throw new Error('the job has no container to publish');
    // Last look before the post exists; once media_publish was sent, the post may be live.
    if (!this.job.publishingSince)
      for (const item of this.job.items) await this.#checkApproved(item);
    for (;;) {
      // Its answer was saved before a crash: the post exists, only its permalink is left.
      if (this.job.mediaId) return this.#published(this.job.mediaId);
      const { publishingSince } = this.job;
      if (publishingSince) {
        const statusCode = await this.#statusOnceLanded(container, publishingSince);
        if (statusCode === 'PUBLISHED')
          return this.#published(await this.#findPublishedMedia(publishingSince));
        if (statusCode !== 'FINISHED')
          throw new Error(`the container is ${statusCode}, not ready to publish`);
      }
      this.job.publishingSince = new Date(this.#deps.now()).toISOString();
      await this.#save(); // from here on the post may exist: a resume checks before publishing
      try {
        this.job.mediaId = await publishContainer(this.#deps.client, this.job.accountId, container);
        this.job.publishedAt = new Date(this.#deps.now()).toISOString();
      } catch (error) {
        // A lost answer may hide a success: the loop reads the container's status first.
        if (recoveryFor(error) === 'give_up') throw error;
        this.#countAttempt('publish', error);
        await this.#deps.sleep(this.#deps.pollStartMs);
        continue;
      }
      await this.#save(); // the post exists: a crash from here on only reads its permalink again
      return this.#published(this.job.mediaId);
    }
  }

  /**
   * The status of the container an earlier `media_publish` was sent for. While that request may
   * still land (`inFlightGraceMs` after it was sent: the process that sent it may have died with
   * it in flight), a FINISHED container is read again rather than taken as "not published".
   */
  async #statusOnceLanded(
    container: string,
    sentAt: string,
  ): Promise<ContainerStatus['statusCode']> {
    const landedBy = Date.parse(sentAt) + this.#deps.inFlightGraceMs;
    for (let wait = this.#deps.pollStartMs; ; wait = Math.min(wait * 2, this.#deps.pollMaxMs)) {
      const { statusCode } = await this.#withRetries('status', () =>
        getContainerStatus(this.#deps.client, container),
      );
      const left = landedBy - this.#deps.now();
      if (statusCode !== 'FINISHED' || left <= 0) return statusCode;
      await this.#deps.sleep(Math.min(wait, left));
    }
  }

  async #published(mediaId: string | undefined): Promise<void> {
    this.job.progress.completed = this.job.progress.total;
    this.job.publishedAt ??= new Date(this.#deps.now()).toISOString();
    if (mediaId) {
      this.job.mediaId = mediaId;
      this.job.permalink = await getPermalink(this.#deps.client, mediaId).catch(() => undefined);
    }
    this.job.status = 'published';
    await this.#enter('published');
  }

  /** After a lost publish answer: the newest post with this caption, made since the attempt. */
  async #findPublishedMedia(publishingSince: string): Promise<string | undefined> {
    const since = Date.parse(publishingSince) - 60_000;
    const page = await this.#deps.client.get<{
      data: { id: string; caption?: string; timestamp?: string }[];
    }>(`/${this.job.accountId}/media`, {
      fields: 'id,caption,timestamp',
      limit: 10,
    });
    const match = page.data.find(
      (m) =>
        (m.caption ?? '') === this.job.caption &&
        Date.parse((m.timestamp ?? '').replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) >= since,
    );
    return match?.id;
  }

  /** Refuses a guest photo that is not approved now: moderation may have changed since the job began. */
  async #checkApproved(item: JobItem): Promise<void> {
    if (!item.guestPhoto) return;
    const { eventId, name } = item.guestPhoto;
    const status = this.#deps.guestApproval
      ? await this.#deps.guestApproval(eventId, name)
      : 'of unknown status (no moderation source)';
    if (status !== 'approved') throw new GuestPhotoNotApprovedError(eventId, name, status);
  }

  async #waitFinished(containerId: string, step: string): Promise<ContainerStatus> {
    const deadline = this.#deps.now() + this.#deps.processingTimeoutMs;
    for (let wait = this.#deps.pollStartMs; ; wait = Math.min(wait * 2, this.#deps.pollMaxMs)) {
      const status = await this.#withRetries(step, () =>
        getContainerStatus(this.#deps.client, containerId),
      );
      if (status.statusCode !== 'IN_PROGRESS') return status;
      if (this.#deps.now() + wait > deadline) {
        throw new Error(
          `media still processing after ${Math.round(this.#deps.processingTimeoutMs / 1000)} s; retry the job later`,
        );
      }
      await this.#deps.sleep(wait);
    }
  }

  /** Runs a step, retrying what the error table calls transient, at most 3 attempts. */
  async #withRetries<T>(step: string, work: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await work();
      } catch (error) {
        if (recoveryFor(error) !== 'retry') throw error;
        this.#countAttempt(step, error);
        await this.#deps.sleep(this.#deps.pollStartMs);
      }
    }
  }

  #countAttempt(step: string, error: unknown): void {
    const attempts = (this.job.attempts[step] ?? 1) + 1;
    this.job.attempts[step] = attempts;
    if (attempts > MAX_ATTEMPTS)
      throw error instanceof GraphError || error instanceof Error
        ? error
        : new Error(String(error));
  }

  async #enter(phase: PublishPhase): Promise<void> {
    this.job.phase = phase;
    if (phase !== 'published' && phase !== 'failed') this.job.status = 'running';
    await this.#save();
  }

  async #fail(error: PublishJob['error']): Promise<void> {
    this.job.status = 'failed';
    this.job.error = error;
    await this.#enter('failed');
  }

  async #save(): Promise<void> {
    this.job.updatedAt = new Date(this.#deps.now()).toISOString();
    const lease = this.#deps.lease?.();
    const saved = await this.#deps.store.savePublishJob(this.job, lease);
    if (lease && !saved) throw new JobTakenOverError(this.job.id);
    try {
      this.#deps.onUpdate?.(structuredClone(this.job));
    } catch {
      // a listener's failure is not the job's
    }
  }
}

/** A container Instagram could not process: its status text names the subcode (§5.5). */
function containerFailed(status: ContainerStatus, what: string): GraphError {
  const subcode = Number(/(\d{7})/.exec(status.status ?? '')?.[1]) || undefined;
  return new GraphError({
    category: 'media',
    message: `Instagram could not process ${what}: ${status.status ?? status.statusCode}`,
    path: `/${status.id}`,
    ...(subcode && { subcode }),
  });
}
