import { randomUUID } from 'node:crypto';
import type { StateStore } from '../store/index.ts';
import { compositionOf, REPEAT_WINDOW_MS } from './composition.ts';
import { jobForRetry, newPublishJob, type JobItem, type PublishJob } from './job.ts';
import type { MediaHost } from './media-host.ts';
import { RepeatPublishError } from './publish-errors.ts';
import { canPublish, missingPublishPermission } from './publish-permission.ts';
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
import type { GuestApproval } from './run-publish-job.ts';

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
  /** Whether a guest photo is approved now: only approved ones are published. */
  guestApproval: GuestApproval;
  /** Whether an event is private: its guest photos are never published. Default: none is. */
  isPrivateEvent?: (eventId: string) => Promise<boolean>;
  /**
   * Whether the server may publish to the account (the server passes its accounts in use, the
   * environment's included); default: whether the store has it.
   */
  isConnected?: (accountId: string) => Promise<boolean>;
  now?: () => number;
}

export interface Submitted {
  job: PublishJob;
  created: boolean;
  warnings: string[];
}

/**
 * Turns a publish request into a job: everything is checked and prepared before the job
 * exists, so a bad input fails with its reason and nothing reaches Instagram. The same
 * idempotency key always returns the same job, concurrent requests included; the same
 * composition within 24 hours of the last one needs `confirmRepeat`.
 */
export class PublishService {
  readonly #options: PublishServiceOptions;
  /** The submit under way per composition: identical requests wait for each other, then see its job. */
  readonly #submitting = new Map<string, Promise<unknown>>();

  constructor(options: PublishServiceOptions) {
    this.#options = options;
  }

  async submit(input: unknown): Promise<Submitted> {
    const checked = checkPublishRequest(input);
    const composition = compositionOf(checked.request, checked.caption);
    const before = this.#submitting.get(composition) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => this.#submit(checked, composition));
    const tail = mine.catch(() => undefined);
    this.#submitting.set(composition, tail);
    void tail.then(() => {
      if (this.#submitting.get(composition) === tail) this.#submitting.delete(composition);
    });
    return mine;
  }

  async #submit(
    { request, caption, warnings }: ReturnType<typeof checkPublishRequest>,
    composition: string,
  ): Promise<Submitted> {
    const { store, queue, host } = this.#options;
    const existing = await store.getPublishJobByKey<PublishJob>(request.idempotencyKey);
    if (existing) return { job: existing, created: false, warnings };
    if (!host) {
      throw new PublishInputError(
        'invalid_request',
        'Instagram fetches media from a public URL, and none is configured: set PUBLIC_BASE_URL to this site’s public https origin (or configure S3).',
      );
    }
    const isConnected =
      this.#options.isConnected ??
      (async (id: string) => (await store.getAccount(id)) !== undefined);
    if (!(await isConnected(request.account))) {
      throw new PublishInputError(
        'invalid_request',
        `Account ${request.account} is not connected. Connect it in /admin.`,
        { field: 'account' },
      );
    }
    // The environment's account (IG_ACCESS_TOKEN) is not stored and has no recorded permissions.
    const account = await store.getAccount(request.account);
    if (account && !canPublish(account)) {
      throw new PublishInputError('publish_permission_missing', missingPublishPermission(account), {
        field: 'account',
        status: 403,
      });
    }
    if (!request.confirmRepeat) await this.#refuseRepeat(composition, request.idempotencyKey);
    await this.#refuseUnapproved(request);
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
        composition,
      },
      this.#now(),
    );
    const stored = await store.createPublishJob(job);
    // Only the request that stored the job starts it: one with the same key on another instance
    // answers with it, and running it there too would post it twice.
    if (stored.created) void queue.run(stored.job);
    return { ...stored, warnings };
  }

  /**
   * Runs a failed job again from where it stopped: FINISHED containers are reused, errored or
   * expired ones are made anew (see `jobForRetry`).
   */
  async retry(id: string): Promise<PublishJob | undefined> {
    const job = await this.#options.store.getPublishJob<PublishJob>(id);
    if (job?.status !== 'failed') return job;
    const again = jobForRetry(job, this.#now());
    const { host } = this.#options;
    // A container made from now on needs a URL Instagram can still fetch (they last an hour).
    if (host && !again.publishingSince)
      again.items = await Promise.all(
        again.items.map(async (item) => ({ ...item, url: await host.renew(item.url) })),
      );
    await this.#options.store.savePublishJob(again);
    void this.#options.queue.run(again);
    return again;
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  /**
   * Refuses a composition published, or under way, in the last 24 hours (failed jobs do not
   * count). The job of this very request does not count either: another instance may have made
   * it since the key was looked up, and storing the job then answers with it.
   */
  async #refuseRepeat(composition: string, idempotencyKey: string): Promise<void> {
    const recent = await this.#options.store.listPublishJobs<PublishJob>({
      composition,
      createdSince: new Date(this.#now() - REPEAT_WINDOW_MS).toISOString(),
      limit: 20,
    });
    for (const previous of recent) {
      if (previous.status === 'failed' || previous.idempotencyKey === idempotencyKey) continue;
      throw new RepeatPublishError({
        jobId: previous.id,
        status: previous.status,
        at: previous.publishedAt ?? previous.createdAt,
        ...(previous.permalink && { permalink: previous.permalink }),
      });
    }
  }

  /** Every guest photo of the request must be approved now. */
  async #refuseUnapproved(request: PublishRequest): Promise<void> {
    for (const [index, { source }] of request.items.entries()) {
      if (source.type !== 'guest') continue;
      if (await this.#options.isPrivateEvent?.(source.eventId))
        throw new PublishInputError(
          'private_event',
          `items[${index}] is a photo of ${source.eventId}, a private event: its guests shared their photos with each other, not with the account's followers. Remove it.`,
          { field: `items[${index}]`, status: 403 },
        );
      const status = await this.#options.guestApproval(source.eventId, source.name);
      if (status === 'approved') continue;
      const photo = `${source.eventId}/${source.name}`;
      throw status === 'missing'
        ? new PublishInputError('invalid_request', `There is no guest photo ${photo}.`, {
            field: `items[${index}]`,
          })
        : new PublishInputError(
            'guest_photo_not_approved',
            `items[${index}] is guest photo ${photo}, which is ${status}: only approved guest photos can be published. Approve it in /admin/moderation first, or remove it.`,
            { field: `items[${index}]`, status: 409 },
          );
    }
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
      return {
        mediaType: 'video',
        url: await host.put(source.bytes, 'video/mp4'),
        ...guestPhotoOf(request.items[index]?.source),
      };
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
      ...guestPhotoOf(request.items[index]?.source),
    };
  }
}

/** The guest photo an item comes from, remembered so the job checks its approval again. */
function guestPhotoOf(source?: PublishRequest['items'][number]['source']): Partial<JobItem> {
  return source?.type === 'guest'
    ? { guestPhoto: { eventId: source.eventId, name: source.name } }
    : {};
}
