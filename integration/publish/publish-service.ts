import { randomUUID } from 'node:crypto';
import type { StateStore } from '../store/index.ts';
import { newPublishJob, type JobItem, type PublishJob } from './job.ts';
import type { MediaHost } from './media-host.ts';
import {
  checkItemKinds,
  checkPublishRequest,
  checkVideo,
  prepareImage,
  PublishInputError,
  readVideoFacts,
  type PublishRequest,
} from './prepare/index.ts';
import type { PublishQueue } from './publish-queue.ts';

/** The bytes of an item's source, and whether it is a photo or a video. */
export interface ResolvedSource {
  bytes: Uint8Array;
  name: string;
  mediaType: 'image' | 'video';
}

export interface PublishServiceOptions {
  store: StateStore;
  queue: PublishQueue;
  /** Undefined when there is no public URL Instagram could fetch media from. */
  host: MediaHost | undefined;
  /** Reads an item's bytes; `accountId` is the request's account (Instagram sources are read through it). */
  resolveSource: (
    source: PublishRequest['items'][number]['source'],
    accountId: string,
  ) => Promise<ResolvedSource>;
  now?: () => number;
}

/**
 * Turns a publish request into a job: everything is checked and prepared before the job
 * exists, so a bad input fails with its reason and nothing reaches Instagram. The same
 * idempotency key always returns the same job.
 */
export class PublishService {
  readonly #options: PublishServiceOptions;

  constructor(options: PublishServiceOptions) {
    this.#options = options;
  }

  async submit(input: unknown): Promise<{ job: PublishJob; created: boolean; warnings: string[] }> {
    const { request, caption, warnings } = checkPublishRequest(input);
    const { store, queue, host } = this.#options;
    if (!host) {
      throw new PublishInputError(
        'invalid_request',
        'Instagram fetches media from a public URL, and none is configured: set PUBLIC_BASE_URL to this site’s public https origin (or configure S3).',
      );
    }
    if (!(await store.getAccount(request.account))) {
      throw new PublishInputError(
        'invalid_request',
        `Account ${request.account} is not connected. Connect it in /admin.`,
        { field: 'account' },
      );
    }
    const sources = await Promise.all(
      request.items.map((item) => this.#options.resolveSource(item.source, request.account)),
    );
    checkItemKinds(
      request.kind,
      sources.map((s) => s.mediaType),
      request.items.map((i) => i.altText),
    );
    const items = await Promise.all(
      sources.map((source, index) => this.#prepare(request, source, index, host)),
    );
    const job = newPublishJob(
      {
        id: randomUUID(),
        idempotencyKey: request.idempotencyKey,
        accountId: request.account,
        kind: request.kind,
        caption,
        items,
      },
      this.#options.now?.(),
    );
    const stored = await store.createPublishJob(job);
    void queue.run(stored.job);
    return { ...stored, warnings };
  }

  /** Runs a failed job again from where it stopped (containers already FINISHED are reused). */
  async retry(id: string): Promise<PublishJob | undefined> {
    const job = await this.#options.store.getPublishJob<PublishJob>(id);
    if (job?.status !== 'failed') return job;
    const { error: _error, ...rest } = job;
    const again: PublishJob = {
      ...rest,
      status: 'queued',
      phase: job.publishingSince ? 'publishing' : 'queued',
      attempts: {},
      updatedAt: new Date().toISOString(),
    };
    await this.#options.store.savePublishJob(again);
    void this.#options.queue.run(again);
    return again;
  }

  async #prepare(
    request: PublishRequest,
    source: ResolvedSource,
    index: number,
    host: MediaHost,
  ): Promise<JobItem> {
    const label = `item ${index + 1} of ${request.items.length} (${source.name})`;
    const altText = request.items[index]?.altText;
    if (source.mediaType === 'video') {
      checkVideo(
        readVideoFacts(source.bytes, label),
        request.kind === 'reel' ? 'reel' : request.kind === 'story' ? 'story' : 'carousel_item',
        label,
      );
      return { mediaType: 'video', url: await host.put(source.bytes, 'video/mp4') };
    }
    const prepared = await prepareImage(source.bytes, {
      fit: request.fit ?? 'refuse',
      target: request.kind === 'story' ? 'story' : 'feed',
      label,
    });
    return {
      mediaType: 'image',
      url: await host.put(prepared.bytes, 'image/jpeg'),
      ...(altText && { altText }),
    };
  }
}
