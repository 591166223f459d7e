import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  formatFields,
  modifierList,
  parseFields,
  requestsField,
} from '../../../integration/emulator/core/fields.ts';
import type { RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph } from '../helpers.ts';
import {
  expectGraphError,
  IDS,
  postValues,
  startInsightsEmulator,
  storyValues,
  STUDIO,
} from './insights-seeds.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startInsightsEmulator();
});
afterAll(() => emulator.close());

describe('the fields parser and insights.metric(…)', () => {
  test('reads metric and breakdown modifiers with sub-fields', () => {
    expect(
      parseFields('id,insights.metric(reach, views).breakdown(action_type){values,name}'),
    ).toEqual([
      { name: 'id', modifiers: {} },
      {
        name: 'insights',
        modifiers: { metric: 'reach, views', breakdown: 'action_type' },
        fields: [
          { name: 'values', modifiers: {} },
          { name: 'name', modifiers: {} },
        ],
      },
    ]);
  });

  test('modifierList splits a list modifier, dropping blanks; undefined when absent or empty', () => {
    const [field] = parseFields('insights.metric( reach ,,views ).period()') ?? [];
    expect(field && modifierList(field, 'metric')).toEqual(['reach', 'views']);
    expect(field && modifierList(field, 'period')).toBeUndefined();
    expect(field && modifierList(field, 'breakdown')).toBeUndefined();
  });

  test('requestsField finds insights at any depth', () => {
    expect(
      requestsField(parseFields('id,media.limit(2){children{insights.metric(reach)}}'), 'insights'),
    ).toBe(true);
    expect(requestsField(parseFields('id,media{children{id}}'), 'insights')).toBe(false);
    expect(requestsField(undefined, 'insights')).toBe(false);
  });

  test('round-trips, children{…} included', () => {
    const text = 'id,insights.metric(reach,views){values},children.limit(2){id}';
    expect(formatFields(parseFields(text) ?? [])).toBe(text);
  });

  test('an unclosed metric list is a syntax error', async () => {
    const { status, body } = await getGraph(emulator, `/${IDS.reel}`, {
      fields: 'insights.metric(reach',
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 2500,
      message: 'Syntax error "Expected ")" instead of "r"." at character 16: insights.metric(reach',
    });
  });
});

/** The route's answer, to compare the expansion with. */
async function routeData(id: string, metric: string): Promise<unknown> {
  const { status, body } = await getGraph(emulator, `/${id}/insights`, { metric });
  expect(status).toBe(200);
  return body.data;
}

describe('insights by field expansion', () => {
  test('on a media node: insights.data is what /{media-id}/insights answers', async () => {
    const { status, body } = await getGraph(emulator, `/${IDS.reel}`, {
      fields: 'media_type,insights.metric(reach,ig_reels_avg_watch_time)',
    });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['media_type', 'insights', 'id']);
    expect(body.insights).toEqual({
      data: await routeData(IDS.reel, 'reach,ig_reels_avg_watch_time'),
    });
    expect(
      body.insights.data.map((r: { values: { value: number }[] }) => r.values[0]?.value),
    ).toEqual([
      postValues(IDS.reel, 500, 60).reach,
      postValues(IDS.reel, 500, 60).ig_reels_avg_watch_time,
    ]);
  });

  test('on every item of a media list, with sub-fields picked (id always, last)', async () => {
    const { status, body } = await getGraph(emulator, '/me/media', {
      fields: 'id,insights.metric(reach,likes){values}',
      limit: 2,
    });
    expect(status).toBe(200);
    expect(body.data).toEqual([
      {
        id: IDS.reel,
        insights: {
          data: [
            {
              values: [{ value: postValues(IDS.reel, 500, 60).reach }],
              id: `${IDS.reel}/insights/reach/lifetime`,
            },
            { values: [{ value: 500 }], id: `${IDS.reel}/insights/likes/lifetime` },
          ],
        },
      },
      {
        id: IDS.image,
        insights: {
          data: [
            { values: [{ value: 2000 }], id: `${IDS.image}/insights/reach/lifetime` },
            { values: [{ value: 120 }], id: `${IDS.image}/insights/likes/lifetime` },
          ],
        },
      },
    ]);
    expect(new URL(body.paging.next).searchParams.get('fields')).toBe(
      'id,insights.metric(reach,likes){values}',
    );
  });

  test('on /{ig-user-id}/media too, with a breakdown modifier', async () => {
    const { body } = await getGraph(emulator, `/${STUDIO}/media`, {
      fields: 'insights.metric(profile_activity).breakdown(action_type){total_value}',
      since: '2026-04-20',
      until: '2026-04-21',
    });
    expect(body.data).toEqual([
      {
        insights: {
          data: [
            {
              total_value: expect.objectContaining({ value: 16 }),
              id: `${IDS.image}/insights/profile_activity/lifetime`,
            },
          ],
        },
        id: IDS.image,
      },
    ]);
  });

  test('fails the whole page when the metrics are invalid for any one item', async () => {
    // The reel and the image take shares; the third post does not: no partial answer.
    expectGraphError(
      await getGraph(emulator, '/me/media', { fields: 'id,insights.metric(reach,shares)' }),
      100,
      '(#100) The metric shares is not supported for this media type',
    );
    expect(
      (
        await getGraph(emulator, '/me/media', {
          fields: 'id,insights.metric(reach,shares)',
          limit: 2,
        })
      ).status,
    ).toBe(200);
    expectGraphError(
      await getGraph(emulator, '/me/media', {
        fields: 'id,insights.metric(ig_reels_avg_watch_time)',
      }),
      100,
      '(#100) The Media Insights API does not support the ig_reels_avg_watch_time metric for this media product type.',
    );
  });

  test('on the stories list; a story with too few viewers fails the page it is on', async () => {
    const first = await getGraph(emulator, '/me/stories', {
      fields: 'insights.metric(reach,replies)',
      limit: 1,
    });
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual([
      { insights: { data: await routeData(IDS.liveStory, 'reach,replies') }, id: IDS.liveStory },
    ]);
    expect(first.body.data[0]!.insights.data[1]!.values).toEqual([
      { value: storyValues(IDS.liveStory).replies },
    ]);
    expectGraphError(
      await getGraph(emulator, `/${STUDIO}/stories`, { fields: 'insights.metric(reach)' }),
      10,
      '(#10) Not enough viewers for the media to show insights',
    );
  });

  test('checks metric names before any item, even on an empty page', async () => {
    const empty = {
      fields: 'insights.metric(impressions)',
      since: '2020-01-01',
      until: '2020-01-02',
    };
    expect((await getGraph(emulator, '/me/media', empty)).body.error.message).toMatch(
      /^\(#100\) Starting from version v22\.0 and above, the impressions metric/,
    );
    expectGraphError(
      await getGraph(emulator, '/me/media', { fields: 'id,insights' }),
      100,
      '(#100) The parameter metric is required',
    );
    expectGraphError(
      await getGraph(emulator, `/${IDS.reel}`, { fields: 'insights.metric(reach){value}' }),
      100,
      '(#100) Tried accessing nonexisting field (value) on node type (InstagramInsightsResult)',
    );
  });

  test('carousel children have none: children{insights…} fails', async () => {
    expectGraphError(
      await getGraph(emulator, `/${IDS.carousel}`, { fields: 'children{insights.metric(reach)}' }),
      100,
      `(#100) Insights are not available for carousel album children: request the insights of the album ${IDS.carousel}`,
    );
  });

  test('inside the profile: media.limit(1){insights…}', async () => {
    const { status, body } = await getGraph(emulator, '/me', {
      fields: 'username,media.limit(1){insights.metric(views)}',
    });
    expect(status).toBe(200);
    expect(body.media.data).toEqual([
      { insights: { data: await routeData(IDS.reel, 'views') }, id: IDS.reel },
    ]);
  });

  test.each([
    ['/me/media', 'insights.metric(reach)'],
    [`/${STUDIO}/stories`, 'insights.metric(reach)'],
    [`/${IDS.reel}`, 'id,insights.metric(reach)'],
    [`/${IDS.carousel}/children`, 'insights.metric(reach)'],
    ['/me', 'media{insights.metric(reach)}'],
    [`/${STUDIO}`, 'media{insights.metric(reach)}'],
  ])('%s with %s needs the insights scope', async (path, fields) => {
    expectGraphError(
      await getGraph(emulator, path, { fields, access_token: 'basic-token' }),
      10,
      '(#10) Application does not have permission for this action',
    );
    expect(
      (await getGraph(emulator, path, { fields: 'id', access_token: 'basic-token' })).status,
    ).toBe(200);
  });
});
