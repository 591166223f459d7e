import type { GraphClient } from '../graph/index.ts';
import type { StateStore } from '../store/index.ts';
import type { PublishJob } from './job.ts';
import { runPublishJob, type RunnerDeps } from './run-publish-job.ts';

export interface PublishQueueOptions {
  store: StateStore;
  /** A Graph client for the account, or undefined when the account is not connected. */
  clientFor: (accountId: string) => Promise<GraphClient | undefined>;
  runner?: Omit<RunnerDeps, 'store' | 'client' | 'onUpdate'>;
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

  /**
   * Starts the job unless it already runs; resolves when it has ended. An ended job (a repeated
   * request for it) is left as it is, so it logs nothing: one line per state change.
   */
  run(job: PublishJob): Promise<PublishJob> {
    if (job.status === 'published' || job.status === 'failed') return Promise.resolve(job);
    const running = this.#running.get(job.id);
    if (running) return running;
    const done = this.#run(job).finally(() => this.#running.delete(job.id));
    this.#running.set(job.id, done);
    return done;
  }

  /** Resumes every job a previous process left queued or running. */
  async resumeUnfinished(): Promise<number> {
    const { store } = this.#options;
    const jobs = [
      ...(await store.listPublishJobs<PublishJob>({ status: 'running' })),
      ...(await store.listPublishJobs<PublishJob>({ status: 'queued' })),
    ];
    for (const job of jobs) void this.run(job);
    if (jobs.length > 0) this.#options.log?.(`resuming ${jobs.length} unfinished publish job(s)`);
    return jobs.length;
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
        updatedAt: new Date(this.#options.runner?.now?.() ?? Date.now()).toISOString(),
        error: {
          message: `Account ${job.accountId} is not connected.`,
          remedy: 'Connect it in /admin, then retry the job.',
        },
      };
      await this.#options.store.savePublishJob(failed);
      this.#emit(failed);
      this.#options.log?.(
        `publish job ${job.id}: failed (Account ${job.accountId} is not connected.)`,
      );
      return failed;
    }
    try {
      const ended = await runPublishJob(job, {
        ...this.#options.runner,
        store: this.#options.store,
        client,
        onUpdate: (j) => this.#emit(j),
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
