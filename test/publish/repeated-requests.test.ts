import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepeatPublishError } from '../../integration/publish/index.ts';
import { guestRequest, startPublishHarness, USER, type PublishHarness } from './publish-harness.ts';

let harness: PublishHarness;
beforeEach(async () => {
  harness = await startPublishHarness();
});
afterEach(async () => {
  await harness.close();
});

const published = () => harness.emulator.control.publishedMedia(USER);

describe('the same request twice', () => {
  it('at the same moment (a double click) gives one job and no error, and posts once', async () => {
    const request = guestRequest(['start-line.jpg', 'km-3.jpg'], {
      idempotencyKey: 'double-click',
    });
    const answers = await Promise.all([
      harness.service.submit(request),
      harness.service.submit(request),
      harness.service.submit(request),
    ]);
    expect(new Set(answers.map((answer) => answer.job.id)).size).toBe(1);
    expect(answers.filter((answer) => answer.created)).toHaveLength(1);
    expect(await harness.store.listPublishJobs()).toHaveLength(1);
    expect((await harness.settle(answers[0].job.id)).status).toBe('published');
    expect(published()).toHaveLength(1);
  });

  it('at the same moment with different keys (two tabs) gives one job; the other is asked to confirm', async () => {
    const settled = await Promise.allSettled([
      harness.service.submit(guestRequest(['finish.jpg'], { idempotencyKey: 'first-tab' })),
      harness.service.submit(guestRequest(['finish.jpg'], { idempotencyKey: 'second-tab' })),
    ]);
    expect(settled.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = settled.find((result) => result.status === 'rejected');
    expect(refused?.reason).toBeInstanceOf(RepeatPublishError);
    expect(await harness.store.listPublishJobs()).toHaveLength(1);
  });
});

describe('the same post again within 24 hours', () => {
  it('is refused with when it was published, and published again only when confirmed', async () => {
    const { job } = await harness.service.submit(guestRequest(['sunrise.jpg']));
    const first = await harness.settle(job.id);
    expect(first.status).toBe('published');
    expect(first.publishedAt).toBeDefined();

    const again = guestRequest(['sunrise.jpg'], { idempotencyKey: 'sunrise-again' });
    const refusal = await harness.service.submit(again).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RepeatPublishError);
    const { previous, message } = refusal as RepeatPublishError;
    expect(previous).toMatchObject({ jobId: job.id, status: 'published', at: first.publishedAt });
    expect(message).toContain(
      `published at ${first.publishedAt?.slice(11, 16)} UTC on ${first.publishedAt?.slice(0, 10)}`,
    );
    expect(message).toContain('confirmRepeat: true');
    expect(published()).toHaveLength(1);

    // The same key as the first request is that request again: its job, not a new post.
    const replay = await harness.service.submit(guestRequest(['sunrise.jpg']));
    expect(replay).toMatchObject({ created: false, job: { id: job.id, status: 'published' } });

    const confirmed = await harness.service.submit({ ...again, confirmRepeat: true });
    expect(confirmed.created).toBe(true);
    expect(confirmed.job.id).not.toBe(job.id);
    expect((await harness.settle(confirmed.job.id)).status).toBe('published');
    expect(published()).toHaveLength(2);
  });

  it('is not asked about after 24 hours, nor when the earlier job failed, nor with another caption', async () => {
    await harness.close();
    let now = Date.parse('2026-12-01T12:00:00Z');
    harness = await startPublishHarness({ now: () => now });
    harness.emulator.control.addFault({
      route: 'POST /{ig-user-id}/media_publish',
      error: { code: 100, message: 'Invalid parameter' },
    });
    const failed = await harness.service.submit(guestRequest(['water-stop.jpg']));
    expect((await harness.settle(failed.job.id)).status).toBe('failed');

    const { job } = await harness.service.submit(
      guestRequest(['water-stop.jpg'], { idempotencyKey: 'after-the-failure' }),
    );
    expect((await harness.settle(job.id)).status).toBe('published');
    const otherCaption = await harness.service.submit(
      guestRequest(['water-stop.jpg'], { idempotencyKey: 'other-caption', caption: 'Volunteers' }),
    );
    expect(otherCaption.created).toBe(true);

    now += 24 * 3600_000 + 1;
    const nextDay = await harness.service.submit(
      guestRequest(['water-stop.jpg'], { idempotencyKey: 'the-next-day' }),
    );
    expect(nextDay.created).toBe(true);
  });
});
