import type { GraphClient } from '../graph/index.ts';
import { newInstanceId } from '../shared/instance-id.ts';
import type { StateStore } from '../store/index.ts';
import type { PublishJob } from './job.ts';
import {
  DEFAULT_JOB_LEASE,
  JobTakenOverError,
  leaseFrom,
  type JobLeaseSettings,
} from './job-lease.ts';
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
  /** The runner's settings; its `now` is also the clock of this queue's leases. */
  runner?: Omit<RunnerDeps, 'store' | 'client' | 'onUpdate' | 'guestApproval' | 'lease'>;
  log?: (line: string) => void;
  /** This instance's name in the leases it holds (default: a new one, see `newInstanceId`). */
  instanceId?: string;
  /** Lease length, heartbeat and takeover scan; each defaults to `DEFAULT_JOB_LEASE`'s. */
  lease?: Partial<JobLeaseSettings>;
}

/**
 * Runs publish jobs in the background of the server. Several instances may share one store: a
 * job runs only on the instance holding its lease (claimed in the store, renewed by a heartbeat
 * and by every saved step, released when the run ends), so one run per job across all of them.
 * `resumeUnfinished` takes over the jobs whose lease lapsed: those of an instance that died, or
 * of this one before a restart. Listeners get every saved step (live progress).
 */
export class PublishQueue {
  readonly #options: PublishQueueOptions;
  readonly #owner: string;
  readonly #lease: JobLeaseSettings;
  readonly #running = new Map<string, Promise<PublishJob>>();
  readonly #listeners = new Set<(job: PublishJob) => void>();

  constructor(options: PublishQueueOptions) {
    this.#options = options;
    this.#owner = options.instanceId ?? newInstanceId();
    this.#lease = { ...DEFAULT_JOB_LEASE, ...options.lease };
  }

  /** How often the server should call `resumeUnfinished` (the takeover scan). */
  get takeoverScanMs(): number {
    return this.#lease.takeoverScanMs;
  }

  /**
   * Runs the job if this instance can take its lease (nobody holds it, or it lapsed), unless it
   * runs here already; resolves when it has ended. A job another instance holds is left to it:
   * the answer is the job as stored. An ended job (a repeated request for it) is left as it is,
   * so it logs nothing: one line per state change.
   */
  run(job: PublishJob): Promise<PublishJob> {
    if (job.status === 'published' || job.status === 'failed') return Promise.resolve(job);
    return this.#track(job.id, async () => {
      const { store } = this.#options;
      const claimed = await store.claimPublishJob<PublishJob>(job.id, this.#leaseNow());
      if (!claimed) return (await store.getPublishJob<PublishJob>(job.id)) ?? job;
      return this.#runHeld(claimed, false);
    });
  }

  /**
   * Takes over the unfinished jobs whose lease lapsed (or that nobody holds: left by a process
   * older than leases) and resumes them; returns how many. Call it once the server listens, and
   * then every `takeoverScanMs`. A job whose containers are not all made first waits for its
   * media URLs to answer.
   */
  async resumeUnfinished(): Promise<number> {
    const claimed = await this.#options.store.claimLapsedPublishJobs<PublishJob>(this.#leaseNow());
    // A job of ours whose lease lapsed while it ran here (a late heartbeat) was only renewed.
    const jobs = claimed.filter((job) => !this.#running.has(job.id));
    for (const job of jobs)
      void this.#track(job.id, () => this.#runHeld(job, true)).catch((error: Error) =>
        this.#options.log?.(`publish job ${job.id}: cannot resume: ${error.message}`),
      );
    if (jobs.length > 0) this.#options.log?.(`resuming ${jobs.length} unfinished publish job(s)`);
    return jobs.length;
  }

  onUpdate(listener: (job: PublishJob) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** One run per job in this process: a second request for a job running here gets that run. */
  #track(id: string, work: () => Promise<PublishJob>): Promise<PublishJob> {
    const running = this.#running.get(id);
    if (running) return running;
    const done = work().finally(() => this.#running.delete(id));
    this.#running.set(id, done);
    return done;
  }

  /** Runs a job whose lease this instance holds, renewing it until the run ends, then releasing it. */
  async #runHeld(claimed: PublishJob, resumed: boolean): Promise<PublishJob> {
    const { store, log } = this.#options;
    const heartbeat = this.#heartbeat(claimed.id);
    try {
      const job = resumed ? await this.#readyToResume(claimed) : claimed;
      return await this.#run(job);
    } catch (error) {
      if (!(error instanceof JobTakenOverError)) throw error;
      log?.(`publish job ${claimed.id}: taken over by another instance; stopped here`);
      return (await store.getPublishJob<PublishJob>(claimed.id)) ?? claimed;
    } finally {
      clearInterval(heartbeat);
      await store
        .releasePublishJob(claimed.id, this.#owner)
        .catch((error: Error) =>
          log?.(`publish job ${claimed.id}: cannot release its lease: ${error.message}`),
        );
    }
  }

  /** Renews the job's lease every `heartbeatMs` until cleared, or until another instance holds it. */
  #heartbeat(id: string): NodeJS.Timeout {
    const renew = async () => {
      const held = await this.#options.store.renewPublishJobLease(id, this.#leaseNow());
      if (!held) clearInterval(timer); // its run stops at its next save
    };
    const timer = setInterval(() => {
      renew().catch((error: Error) =>
        this.#options.log?.(`publish job ${id}: cannot renew its lease: ${error.message}`),
      );
    }, this.#lease.heartbeatMs);
    timer.unref();
    return timer;
  }

  async #readyToResume(stored: PublishJob): Promise<PublishJob> {
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
    return job;
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
    await this.#save(renewed);
    return renewed;
  }

  async #run(job: PublishJob): Promise<PublishJob> {
    const client = await this.#options.clientFor(job.accountId);
    if (!client) {
      const failed: PublishJob = {
        ...job,
        status: 'failed',
        phase: 'failed',
        updatedAt: new Date(this.#now()).toISOString(),
        error: {
          message: `Account ${job.accountId} is not connected.`,
          remedy: 'Connect it in /admin, then retry the job.',
        },
      };
      await this.#save(failed);
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
        ...(this.#options.guestApproval && { guestApproval: this.#options.guestApproval }),
        lease: () => this.#leaseNow(),
      });
      this.#options.log?.(
        `publish job ${job.id}: ${ended.status}${ended.error ? ` (${ended.error.message})` : ''}`,
      );
      return ended;
    } finally {
      await client.close();
    }
  }

  /** Saves under this instance's lease; throws when another instance holds the job now. */
  async #save(job: PublishJob): Promise<void> {
    if (!(await this.#options.store.savePublishJob(job, this.#leaseNow())))
      throw new JobTakenOverError(job.id);
  }

  #leaseNow() {
    return leaseFrom(this.#owner, this.#now(), this.#lease.leaseMs);
  }

  #now(): number {
    return this.#options.runner?.now?.() ?? Date.now();
  }

  #emit(job: PublishJob): void {
    for (const listener of this.#listeners) listener(job);
  }
}
