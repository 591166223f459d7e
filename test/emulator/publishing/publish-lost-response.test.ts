import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph, type ControlBody } from '../helpers.ts';
import { startMediaServer, type MediaServer } from '../../../harness/media-server.ts';
import {
  containerId,
  expectPublishingError,
  publish,
  publishedId,
  statusOf,
} from './publishing-helpers.ts';

const PUBLISH = 'POST /{ig-user-id}/media_publish';

let emulator: RunningEmulator;
let media: MediaServer;
beforeAll(async () => {
  [emulator, media] = await Promise.all([startEmulator(), startMediaServer()]);
});
beforeEach(() => emulator.control.reset());
afterAll(() => Promise.all([emulator.close(), media.close()]));

const imageContainer = (caption = 'Once only') =>
  containerId(emulator, { image_url: media.url('/portrait.jpg'), caption });
const newestIds = async (limit = 3) =>
  (await getGraph(emulator, '/me/media', { fields: 'id', limit })).body.data.map(
    (post: { id: string }) => post.id,
  );

describe('publishing a container twice', () => {
  test('the second media_publish is refused (9007/2207027, not transient) and no second post appears', async () => {
    const id = await imageContainer();
    const mediaId = await publishedId(emulator, id);
    const again = await publish(emulator, id);
    expectPublishingError(again, 9007, 2207027);
    expect(again.body.error).toMatchObject({
      is_transient: false,
      error_user_title: 'Media already published',
    });
    expect(emulator.control.publishedMedia()).toHaveLength(1);
    const ids = await newestIds();
    expect(ids[0]).toBe(mediaId);
    expect(ids.filter((other: string) => other === mediaId)).toHaveLength(1);
    expect(await statusOf(emulator, id)).toEqual({
      status_code: 'PUBLISHED',
      status: 'Published: Media has been published.',
      id,
    });
  });

  test('concurrent media_publish calls for one container publish it once', async () => {
    const id = await imageContainer();
    const answers = await Promise.all(Array.from({ length: 5 }, () => publish(emulator, id)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(emulator.control.publishedMedia()).toHaveLength(1);
  });
});

describe('a lost media_publish response (fault dropResponse)', () => {
  test('the post goes live, the client gets no answer, and retrying does not post it again', async () => {
    const id = await imageContainer('Lost answer');
    emulator.control.addFault({ route: PUBLISH, dropResponse: true });
    await expect(publish(emulator, id)).rejects.toThrow();

    const published = emulator.control.publishedMedia();
    expect(published).toEqual([
      expect.objectContaining({ containerId: id, caption: 'Lost answer' }),
    ]);
    // What the doc tells a client to do after a lost answer: read the container's status.
    expect((await statusOf(emulator, id)).status_code).toBe('PUBLISHED');
    expectPublishingError(await publish(emulator, id), 9007, 2207027);
    expect(emulator.control.publishedMedia()).toHaveLength(1);
    expect((await newestIds(1))[0]).toBe(published[0]?.id);
  });

  test('dropResponse on container creation still creates the container', async () => {
    emulator.control.addFault({ route: 'POST /{ig-user-id}/media', dropResponse: true });
    const url = `${emulator.graphBase}/${emulator.userId}/media?${new URLSearchParams({ image_url: media.url('/square.jpg'), access_token: emulator.demoToken })}`;
    await expect(request(url, { method: 'POST' })).rejects.toThrow();
    expect(emulator.control.containers()).toEqual([
      expect.objectContaining({ statusCode: 'FINISHED', kind: 'IMAGE' }),
    ]);
  });

  test('an error fault on media_publish publishes nothing', async () => {
    const id = await imageContainer();
    emulator.control.addFault({ route: PUBLISH, status: 500 });
    expect((await publish(emulator, id)).status).toBe(500);
    expect(emulator.control.publishedMedia()).toEqual([]);
    expect((await statusOf(emulator, id)).status_code).toBe('FINISHED');
  });
});

describe('request counters and faults on the publishing routes', () => {
  test('each publishing route counts under its own key; container reads are not media reads', async () => {
    const id = await imageContainer();
    await statusOf(emulator, id);
    await statusOf(emulator, id);
    const mediaId = await publishedId(emulator, id);
    await getGraph(emulator, `/${mediaId}`);
    await getGraph(emulator, `/${emulator.userId}/content_publishing_limit`);
    expect(emulator.control.counts()).toEqual({
      total: 6,
      byRoute: {
        'POST /{ig-user-id}/media': 1,
        'GET /{container-id}': 2,
        'POST /{ig-user-id}/media_publish': 1,
        'GET /{media-id}': 1,
        'GET /{ig-user-id}/content_publishing_limit': 1,
      },
    });
  });

  test('a fault on GET /{container-id} leaves media reads alone', async () => {
    const id = await imageContainer();
    emulator.control.addFault({ route: 'GET /{container-id}', times: 0, error: { code: 2 } });
    expect((await getGraph(emulator, `/${id}`, { fields: 'status_code' })).status).toBe(500);
    const mediaId = (await newestIds(1))[0];
    expect((await getGraph(emulator, `/${mediaId}`)).status).toBe(200);
  });

  test('dropResponse must be true or false', () => {
    expect(() =>
      emulator.control.addFault({ route: PUBLISH, dropResponse: 'yes' as never }),
    ).toThrow(/fault\.dropResponse/);
  });
});

describe('publishing over the control API', () => {
  async function control(method: 'GET' | 'POST', path: string, body?: unknown) {
    const answer = await request(`${emulator.origin}/__control${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    return { status: answer.statusCode, body: (await answer.body.json()) as ControlBody };
  }

  test('GET /__control/containers and /__control/published show what control.containers() and publishedMedia() show', async () => {
    const id = await imageContainer('Over HTTP');
    const mediaId = await publishedId(emulator, id);
    const containers = await control('GET', '/containers');
    expect(containers.body.data).toEqual([
      expect.objectContaining({ id, statusCode: 'PUBLISHED', mediaId, userId: emulator.userId }),
    ]);
    const published = await control('GET', '/published');
    expect(published.body.data).toEqual([
      expect.objectContaining({ id: mediaId, containerId: id, caption: 'Over HTTP' }),
    ]);
    expect((await control('GET', '/published?userId=17841400000000002')).body.data).toEqual([]);
  });

  test('POST /__control/publishing sets videoProcessingMs and imageFailures; bad values are a 400', async () => {
    const set = await control('POST', '/publishing', {
      videoProcessingMs: 50,
      imageFailures: 'status',
    });
    expect(set).toEqual({ status: 200, body: { videoProcessingMs: 50, imageFailures: 'status' } });
    expect((await control('GET', '/publishing')).body).toEqual({
      videoProcessingMs: 50,
      imageFailures: 'status',
    });
    expect((await control('POST', '/publishing', { videoProcessingMs: -1 })).status).toBe(400);
    expect((await control('POST', '/publishing', { imageFailures: 'maybe' })).status).toBe(400);
    expect((await control('POST', '/publishing', {})).status).toBe(400);
    await control('POST', '/reset');
    expect((await control('GET', '/publishing')).body).toEqual({
      videoProcessingMs: 3000,
      imageFailures: 'reject',
    });
  });
});

describe('a client that goes away while the answer is delayed (fault delayMs)', () => {
  test('the request that fully arrived is still carried out: the post goes live once', async () => {
    const id = await imageContainer('Client gone');
    emulator.control.addFault({ route: PUBLISH, delayMs: 300 });
    const gone = new AbortController();
    const sent = request(`${emulator.graphBase}/${emulator.userId}/media_publish`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ creation_id: id, access_token: emulator.demoToken }).toString(),
      signal: gone.signal,
    });
    setTimeout(() => gone.abort(), 100);
    await expect(sent).rejects.toThrow();
    await expect.poll(() => emulator.control.publishedMedia().length, { timeout: 2000 }).toBe(1);
    expect(emulator.control.publishedMedia()[0]).toMatchObject({
      containerId: id,
      caption: 'Client gone',
    });
  });
});
