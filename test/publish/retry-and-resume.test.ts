import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  jobForRetry,
  localMediaHost,
  newPublishJob,
  waitForMediaUrls,
  type PublishJob,
} from '../../integration/publish/index.ts';
import {
  guestRequest,
  MEDIA_KEY,
  startPublishHarness,
  USER,
  type PublishHarness,
} from './publish-harness.ts';

let harness: PublishHarness;
beforeEach(async () => {
  harness = await startPublishHarness();
});
afterEach(async () => {
  await harness.close();
});

const published = () => harness.emulator.control.publishedMedia(USER);

describe('retrying a failed job', () => {
  it('makes a new container for one that errored, and publishes once', async () => {
    // Instagram could not fetch the photo once: its container ends in ERROR (as videos do).
    harness.emulator.control.setImageFailures('status');
    harness.media.failNext(1);
    const { job } = await harness.service.submit(guestRequest(['start-line.jpg']));
    const failed = await harness.settle(job.id);
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toContain('Instagram could not process item 1');
    expect(failed.items[0]).toMatchObject({ containerStatus: 'ERROR' });
    const errored = failed.items[0]?.containerId;

    await harness.service.retry(job.id);
    const retried = await harness.settle(job.id);
    expect(retried).toMatchObject({ status: 'published', progress: { completed: 2, total: 2 } });
    expect(retried.items[0]?.containerId).not.toBe(errored);
    expect(harness.count('POST /{ig-user-id}/media')).toBe(2);
    expect(published()).toHaveLength(1);
  });

  it('makes a new carousel container when one of its children is made again', () => {
    const failed: PublishJob = {
      ...newPublishJob({
        id: 'carousel-job',
        idempotencyKey: 'carousel-job-key',
        accountId: USER,
        kind: 'carousel',
        caption: '',
        items: [
          {
            mediaType: 'image',
            url: 'https://a.example/1.jpg',
            containerId: '1',
            containerStatus: 'FINISHED',
          },
          {
            mediaType: 'video',
            url: 'https://a.example/2.mp4',
            containerId: '2',
            containerStatus: 'EXPIRED',
          },
        ],
      }),
      status: 'failed',
      phase: 'failed',
      carouselContainerId: '3',
      carouselContainerStatus: 'EXPIRED',
      progress: { completed: 3, total: 4 },
      error: { message: 'the carousel expired', remedy: 'Retry the job.' },
    };
    const again = jobForRetry(failed);
    expect(again).toMatchObject({
      status: 'queued',
      phase: 'queued',
      progress: { completed: 1, total: 4 },
    });
    expect(again.error).toBeUndefined();
    expect(again.items.map((item) => item.containerId)).toEqual(['1', undefined]);
    // The kept one is checked again: it may have expired since.
    expect(again.items[0]?.containerStatus).toBeUndefined();
    expect(again.carouselContainerId).toBeUndefined();
  });

  it('once media_publish was sent, keeps every container: the post may exist', () => {
    const failed: PublishJob = {
      ...newPublishJob({
        id: 'sent-job',
        idempotencyKey: 'sent-job-key',
        accountId: USER,
        kind: 'image',
        caption: '',
        items: [
          {
            mediaType: 'image',
            url: 'https://a.example/1.jpg',
            containerId: '1',
            containerStatus: 'FINISHED',
          },
        ],
      }),
      status: 'failed',
      publishingSince: '2026-12-01T12:00:00.000Z',
    };
    expect(jobForRetry(failed)).toMatchObject({
      phase: 'publishing',
      items: [{ containerId: '1', containerStatus: 'FINISHED' }],
    });
  });
});

describe('resuming after a restart', () => {
  /** A job a killed process left while creating containers, its media on a server not up yet. */
  async function leftInCreatingContainers(stagedAgoMs = 0): Promise<PublishJob> {
    await harness.media.close();
    const host = localMediaHost({
      dir: path.join(harness.dir, 'media'),
      publicBaseUrl: harness.media.origin,
      key: MEDIA_KEY,
      now: () => Date.now() - stagedAgoMs,
    });
    const photo = await sharp({
      create: { width: 1080, height: 1350, channels: 3, background: '#335577' },
    })
      .jpeg()
      .toBuffer();
    const job = newPublishJob({
      id: 'left-behind',
      idempotencyKey: 'left-behind-key',
      accountId: USER,
      kind: 'image',
      caption: 'Resumed',
      items: [{ mediaType: 'image', url: await host.put(photo, 'image/jpeg') }],
    });
    const running: PublishJob = { ...job, status: 'running', phase: 'creating_containers' };
    await harness.store.createPublishJob(running);
    return running;
  }

  const ended = (id: string) =>
    vi.waitFor(
      async () => {
        const job = await harness.store.getPublishJob<PublishJob>(id);
        if (job?.status !== 'published' && job?.status !== 'failed') throw new Error('not yet');
        return job;
      },
      { timeout: 15_000, interval: 50 },
    );

  it('waits until its media URLs answer, then publishes', async () => {
    const job = await leftInCreatingContainers();
    const queue = harness.newQueue({
      waitForMedia: (urls) => waitForMediaUrls(urls, { intervalMs: 50, timeoutMs: 10_000 }),
    });
    expect(await queue.resumeUnfinished()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.count('POST /{ig-user-id}/media'), 'nothing asked of Instagram yet').toBe(0);
    await harness.media.listen();
    expect(await ended(job.id)).toMatchObject({ status: 'published' });
    expect(published()).toHaveLength(1);
  });

  it('renews media URLs older than their hour before it resumes', async () => {
    const job = await leftInCreatingContainers(2 * 3600_000);
    await harness.media.listen();
    await harness.newQueue().resumeUnfinished();
    expect(await ended(job.id)).toMatchObject({ status: 'published' });
    expect(published()).toHaveLength(1);
  });

  it('without waiting, Instagram cannot fetch the media and the job fails with 9004', async () => {
    const job = await leftInCreatingContainers();
    await harness.newQueue().resumeUnfinished();
    expect(await ended(job.id)).toMatchObject({ status: 'failed', error: { code: 9004 } });
    expect(published()).toHaveLength(0);
  });
});
