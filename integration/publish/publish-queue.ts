import type { GraphClient } from '../graph/index.ts';
import type { StateStore } from '../store/index.ts';
import type { PublishJob } from './job.ts';
import { runPublishJob, type GuestApproval, type RunnerDeps } from './run-publish-job.ts';

export interface PublishQueueOptions {
  store: StateStore;
  /** A Graph client for the account, or undefined when the account is not connected. */
  clientFor: (accountId: string) => Promise<GraphClient | undefined>;
  /** Whether a guest photo is approved now; asked again before Instagram gets it. */
  guestApproval?: GuestApproval;
  /**
   * Resolves once the media URLs Instagram will fetch answer (returning those that did not):
   * a resumed job waits for it, so a restart never hands Instagram a URL of a server not yet up.
   */
  waitForMedia?: (urls: string[]) => Promise<string[]>;
  /** A fresh URL to the same media (see `MediaHost.renew`): a resumed job may be older than its URLs. */
  renewMediaUrl?: (url: string) => Promise<string>;
  runner?: Omit<RunnerDeps, 'store' | 'client' | 'onUpdate' | 'guestApproval'>;
  log?: (line: string) => void;
}

/**
 * Runs publish jobs in the background of the server, one run per job at a time, and resumes
 * the unfinished ones after a restart. Listeners get every saved step (live progress).
 */
export class PublishQueue {
  readonly #options: PublishQueueOptions;
  readonly #running = new Map<string, Promise<PublishJob>>();
  readonly #listeners = new Set<(job: PublishJob) => void>();

  constructor(options: PublishQueueOptions) {
    this.#options = options;
  }

  /** Starts the job unless it already runs; resolves when it has ended. */
  run(job: PublishJob): Promise<PublishJob> {
    const running = this.#running.get(job.id);
    if (running) return running;
    const done = this.#run(job).finally(() => this.#running.delete(job.id));
    this.#running.set(job.id, done);
    return done;
  }

  /**
   * Resumes every job a previous process left queued or running; call it once the server
   * listens. A job whose containers are not all made first waits for its media URLs to answer.
   */
  async resumeUnfinished(): Promise<number> {
    const { store } = this.#options;
    const jobs = [
      ...(await store.listPublishJobs<PublishJob>({ status: 'running' })),
      ...(await store.listPublishJobs<PublishJob>({ status: 'queued' })),
    ];
    for (const job of jobs) void this.#resume(job);
    if (jobs.length > 0) this.#options.log?.(`resuming ${jobs.length} unfinished publish job(s)`);
    return jobs.length;
  }

  async #resume(stored: PublishJob): Promise<PublishJob> {
    const { waitForMedia, renewMediaUrl, log } = this.#options;
    const job = stored.publishingSince ? stored : await this.#renewUrls(stored, renewMediaUrl);
    const urls = job.items.filter((item) => item.containerStatus !== 'FINISHED').map((i) => i.url);
    if (waitForMedia && urls.length > 0 && !job.publishingSince) {
      const silent = await waitForMedia(urls).catch(() => urls);
      if (silent.length > 0)
        log?.(
          `publish job ${job.id}: ${silent.length} media URL(s) do not answer yet; resuming anyway`,
        );
    }
    return this.run(job);
  }

  async #renewUrls(
    job: PublishJob,
    renew: PublishQueueOptions['renewMediaUrl'],
  ): Promise<PublishJob> {
    if (!renew) return job;
    const renewed: PublishJob = {
      ...job,
      items: await Promise.all(
        job.items.map(async (item) => ({
          ...item,
          url: await renew(item.url).catch(() => item.url),
        })),
      ),
    };
    await this.#options.store.savePublishJob(renewed);
    return renewed;
  }

  onUpdate(listener: (job: PublishJob) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #run(job: PublishJob): Promise<PublishJob> {
    const client = await this.#options.clientFor(job.accountId);
    if (!client) {
      const failed: PublishJob = {
        ...job,
        status: 'failed',
        phase: 'failed',
        updatedAt: new Date().toISOString(),
        error: {
          message: `Account ${job.accountId} is not connected.`,
          remedy: 'Connect it in /admin, then retry the job.',
        },
      };
      await this.#options.store.savePublishJob(failed);
      this.#emit(failed);
      return failed;
    }
    try {
      const ended = await runPublishJob(job, {
        ...this.#options.runner,
        store: this.#options.store,
        client,
        onUpdate: (j) => this.#emit(j),
        ...(this.#options.guestApproval && { guestApproval: this.#options.guestApproval }),
      });
      this.#options.log?.(
        `publish job ${job.id}: ${ended.status}${ended.error ? ` (${ended.error.message})` : ''}`,
      );
      return ended;
    } finally {
      await client.close();
    }
  }

  #emit(job: PublishJob): void {
    for (const listener of this.#listeners) listener(job);
  }
}
