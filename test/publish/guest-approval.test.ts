import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localGuestSource } from '../../integration/guest/index.ts';
import { newPublishJob } from '../../integration/publish/index.ts';
import { PublishInputError } from '../../integration/publish/prepare/index.ts';
import { approvedGuestPhotos } from '../../integration/publish/publishable-photos.ts';
import {
  guestRequest,
  NIGHT_RUN,
  startPublishHarness,
  USER,
  type PublishHarness,
} from './publish-harness.ts';

let harness: PublishHarness;
/** Runs once, in the runner's first pause (a retried step), then clears itself. */
let duringPause: (() => Promise<void>) | undefined;

beforeEach(async () => {
  harness = await startPublishHarness({
    sleep: async () => {
      const run = duringPause;
      duringPause = undefined;
      await run?.();
    },
  });
});
afterEach(async () => {
  await harness.close();
});

const refusal = (input: unknown) =>
  harness.service.submit(input).then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as PublishInputError,
  );

const nothingPosted = () => {
  expect(harness.count('POST /{ig-user-id}/media_publish')).toBe(0);
  expect(harness.emulator.control.publishedMedia(USER)).toHaveLength(0);
};

describe('a private event', () => {
  it('has its approved photos refused with a 403 naming the item, and no job', async () => {
    await harness.close();
    harness = await startPublishHarness({ privateEvents: [NIGHT_RUN] });
    const refused = await refusal(guestRequest(['start-line.jpg']));
    expect(refused).toMatchObject({ code: 'private_event', status: 403, field: 'items[0]' });
    expect(refused.message).toContain(`${NIGHT_RUN}, a private event`);
    expect(await harness.store.listPublishJobs()).toEqual([]);
    nothingPosted();
  });
});

describe('only approved guest photos are published', () => {
  it('refuses a pending and a rejected photo with a 409 naming it, and creates no job', async () => {
    const pending = await refusal(guestRequest(['unreviewed.jpg']));
    expect(PublishInputError.is(pending)).toBe(true);
    expect(pending).toMatchObject({
      code: 'guest_photo_not_approved',
      status: 409,
      field: 'items[0]',
    });
    expect(pending.message).toContain(`${NIGHT_RUN}/unreviewed.jpg, which is pending`);

    const rejected = await refusal(guestRequest(['start-line.jpg', 'blurry.jpg']));
    expect(rejected).toMatchObject({ code: 'guest_photo_not_approved', field: 'items[1]' });
    expect(rejected.message).toContain(`${NIGHT_RUN}/blurry.jpg, which is rejected`);

    expect(await harness.store.listPublishJobs()).toEqual([]);
    expect(harness.count('POST /{ig-user-id}/media')).toBe(0);
    nothingPosted();
  });

  it('fails the job, naming the photo, when it is rejected after the request but before its container is made', async () => {
    // The quota check fails once; in the runner's pause before its retry, staff reject the photo.
    harness.emulator.control.addFault({
      route: 'GET /{ig-user-id}/content_publishing_limit',
      status: 500,
    });
    duringPause = () => harness.moderate(['km-3.jpg'], 'reject');
    const { job } = await harness.service.submit(guestRequest(['start-line.jpg', 'km-3.jpg']));
    const ended = await harness.settle(job.id);
    expect(ended).toMatchObject({ status: 'failed', phase: 'failed' });
    expect(ended.error?.message).toBe(
      `Guest photo ${NIGHT_RUN}/km-3.jpg is rejected, no longer approved; nothing was posted.`,
    );
    expect(ended.error?.remedy).toContain('/admin/moderation');
    expect(ended.items[1]?.containerId).toBeUndefined();
    nothingPosted();
  });

  it('fails the job when the photo is rejected after its container was made, before media_publish', async () => {
    harness.emulator.control.addFault({ route: 'GET /{container-id}', status: 500 });
    duringPause = () => harness.moderate(['finish.jpg'], 'reject');
    const { job } = await harness.service.submit(guestRequest(['finish.jpg']));
    const ended = await harness.settle(job.id);
    expect(ended.status).toBe('failed');
    expect(ended.error?.message).toContain(`${NIGHT_RUN}/finish.jpg is rejected`);
    expect(harness.count('POST /{ig-user-id}/media')).toBe(1);
    nothingPosted();
  });

  it('publishes once the photo is approved again and the failed job is retried', async () => {
    harness.emulator.control.addFault({
      route: 'GET /{ig-user-id}/content_publishing_limit',
      status: 500,
    });
    duringPause = () => harness.moderate(['km-3.jpg'], 'reject');
    const { job } = await harness.service.submit(guestRequest(['km-3.jpg']));
    expect((await harness.settle(job.id)).status).toBe('failed');
    await harness.moderate(['km-3.jpg'], 'approve');
    await harness.service.retry(job.id);
    expect((await harness.settle(job.id)).status).toBe('published');
    expect(harness.emulator.control.publishedMedia(USER)).toHaveLength(1);
  });

  it('a queue that cannot read moderation never publishes a guest photo', async () => {
    const job = newPublishJob({
      id: 'unchecked',
      idempotencyKey: 'unchecked-key',
      accountId: USER,
      kind: 'image',
      caption: '',
      items: [
        {
          mediaType: 'image',
          url: `${harness.media.origin}/api/media/any.jpg`,
          guestPhoto: { eventId: NIGHT_RUN, name: 'sunrise.jpg' },
        },
      ],
    });
    await harness.store.createPublishJob(job);
    const ended = await harness.newQueue({ guestApproval: undefined }).run(job);
    expect(ended.status).toBe('failed');
    expect(ended.error?.message).toContain(`${NIGHT_RUN}/sunrise.jpg`);
    expect(harness.count('POST /{ig-user-id}/media')).toBe(0);
    nothingPosted();
  });
});

describe('the publish page lists approved photos only', () => {
  it('offers no pending or rejected photo of the demo event', async () => {
    const source = localGuestSource(harness.dir, 'guest-photos');
    const names = (await approvedGuestPhotos(NIGHT_RUN, [{ id: NIGHT_RUN } as never], source)).map(
      (photo) => photo.name,
    );
    expect(names).toContain('start-line.jpg');
    expect(names).not.toContain('unreviewed.jpg');
    expect(names).not.toContain('blurry.jpg');
    expect(await harness.guestApproval(NIGHT_RUN, 'blurry.jpg')).toBe('rejected');
    expect(await harness.guestApproval(NIGHT_RUN, 'unreviewed.jpg')).toBe('pending');
    expect(await harness.guestApproval(NIGHT_RUN, 'no-such.jpg')).toBe('missing');
  });
});
