import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph, getJson } from '../helpers.ts';
import {
  expectGraphError,
  IDS,
  startInsightsEmulator,
  storyValues,
  STUDIO,
  TINY,
} from '../insights/insights-seeds.ts';
import { startMediaServer, type MediaServer } from '../../../harness/media-server.ts';
import { containerId, publishedId } from '../publishing/publishing-helpers.ts';

let emulator: RunningEmulator;
let media: MediaServer;
beforeAll(async () => {
  [emulator, media] = await Promise.all([startInsightsEmulator(), startMediaServer()]);
});
beforeEach(() => emulator.control.reset());
afterAll(() => Promise.all([emulator.close(), media.close()]));

const ids = (body: { data: { id: string }[] }) => body.data.map((item) => item.id);

describe('GET /{ig-user-id}/stories', () => {
  test('lists the live stories newest first (posted in the last 24 hours, not in the future), with media fields', async () => {
    const { status, body } = await getGraph(emulator, `/${STUDIO}/stories`, {
      fields: 'media_type,media_product_type,timestamp,permalink',
    });
    expect(status).toBe(200);
    expect(body.data).toEqual([
      {
        media_type: 'IMAGE',
        media_product_type: 'STORY',
        timestamp: '2026-04-30T17:00:00+0000',
        permalink: `https://www.instagram.com/stories/studio/${IDS.liveStory}/`,
        id: IDS.liveStory,
      },
      {
        media_type: 'VIDEO',
        media_product_type: 'STORY',
        timestamp: '2026-04-30T14:00:00+0000',
        permalink: `https://www.instagram.com/stories/studio/${IDS.quietStory}/`,
        id: IDS.quietStory,
      },
    ]);
  });

  test('/me/stories is the same list, counted under the same route key', async () => {
    expect(ids((await getGraph(emulator, '/me/stories')).body)).toEqual([
      IDS.liveStory,
      IDS.quietStory,
    ]);
    await getGraph(emulator, `/${STUDIO}/stories`);
    expect(emulator.control.counts().byRoute).toEqual({ 'GET /{ig-user-id}/stories': 2 });
  });

  test('stories stay out of the media list and media_count, yet read by id at any age', async () => {
    const list = await getGraph(emulator, '/me/media');
    expect(ids(list.body)).toEqual([IDS.reel, IDS.image, IDS.noShares, IDS.carousel]);
    expect((await getGraph(emulator, '/me', { fields: 'media_count' })).body.media_count).toBe(4);
    const old = await getGraph(emulator, `/${IDS.oldStory}`, {
      fields: 'media_product_type,like_count,comments_count',
    });
    expect(old.body).toEqual({ media_product_type: 'STORY', id: IDS.oldStory });
  });

  test('a story leaves the list 24 hours after it was posted; a future one joins when its time comes', async () => {
    emulator.control.advanceClock(2 * 3600);
    expect(ids((await getGraph(emulator, '/me/stories')).body)).toEqual([
      IDS.futureStory,
      IDS.liveStory,
      IDS.quietStory,
    ]);
    emulator.control.advanceClock(19 * 3600);
    expect(ids((await getGraph(emulator, '/me/stories')).body)).toEqual([
      IDS.futureStory,
      IDS.liveStory,
    ]);
    // 24 hours after the future story exactly: it is gone too.
    emulator.control.advanceClock(4 * 3600);
    expect((await getGraph(emulator, '/me/stories')).body).toEqual({ data: [] });
  });

  test('pages like the media list, its links pointing at /stories', async () => {
    const first = await getGraph(emulator, '/me/stories', { fields: 'id', limit: 1 });
    expect(ids(first.body)).toEqual([IDS.liveStory]);
    const next = new URL(first.body.paging.next);
    expect(next.pathname).toBe(`/v26.0/${STUDIO}/stories`);
    const second = await getJson(first.body.paging.next);
    expect(ids(second.body)).toEqual([IDS.quietStory]);
    expect(second.body.paging.next).toBeUndefined();
    expect(
      ids((await getGraph(emulator, '/me/stories', { since: '2026-04-30T15:00:00Z' })).body),
    ).toEqual([IDS.liveStory]);
  });

  test("another account's stories answer 100/33", async () => {
    const answer = await getGraph(emulator, `/${TINY}/stories`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await getGraph(emulator, '/me/stories', { access_token: 'tiny-token' })).body).toEqual({
      data: [],
    });
  });

  test('a story published through the emulator is listed, with insights, and gone after a reset', async () => {
    const container = await containerId(emulator, {
      media_type: 'STORIES',
      image_url: media.url('/cover.jpg'),
    });
    const storyId = await publishedId(emulator, container);
    // No like or comment counts on a story, published or seeded.
    const { body } = await getGraph(emulator, '/me/stories', {
      fields: 'timestamp,like_count,comments_count,insights.metric(reach,replies)',
      limit: 1,
    });
    expect(body.data).toEqual([
      {
        timestamp: '2026-04-30T19:00:00+0000',
        insights: {
          data: [
            expect.objectContaining({
              name: 'reach',
              values: [{ value: storyValues(storyId).reach }],
            }),
            expect.objectContaining({
              name: 'replies',
              values: [{ value: storyValues(storyId).replies }],
            }),
          ],
        },
        id: storyId,
      },
    ]);
    expect(ids((await getGraph(emulator, '/me/media')).body)).not.toContain(storyId);
    emulator.control.reset();
    expect(ids((await getGraph(emulator, '/me/stories')).body)).toEqual([
      IDS.liveStory,
      IDS.quietStory,
    ]);
  });

  test('an unknown token is refused before anything else', async () => {
    expectGraphError(
      await getGraph(emulator, '/me/stories', { access_token: 'nope' }),
      190,
      'Invalid OAuth access token - Cannot parse access token',
    );
  });
});
