import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { type GraphErrorBody, getJson } from '../helpers.ts';
import { FB_APP_ID, FB_APP_SECRET, fbUrl } from './facebook-helpers.ts';

// Guests' posts that tag or @mention the account, read on graph.facebook.com (graph-api.md §3.5).

const BRAND = '17841400000000001';
const OTHER = '17841400000000002';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.control.reset());

const fbToken = () => emulator.control.issueToken({ kind: 'long', flavour: 'facebook' });

interface Listed {
  data: Record<string, string>[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

describe('GET /{ig-user-id}/tags', () => {
  test('lists the guest posts tagging the account, newest first, cursors but no next/previous links', async () => {
    const older = emulator.control.addGuestPost({
      author: 'guest.ana',
      tags: [BRAND],
      caption: 'At the fair',
      timestamp: '2026-05-01T12:00:00Z',
    });
    const newer = emulator.control.addGuestPost({
      author: 'guest.bo',
      tags: [BRAND, OTHER],
      timestamp: '2026-05-02T12:00:00Z',
    });
    emulator.control.addGuestPost({ author: 'guest.cy', tags: [OTHER] });
    const token = fbToken();
    const fields = 'id,username,caption,media_type,media_url,permalink,timestamp';
    const first = await getJson<Listed>(
      fbUrl(emulator, `/${BRAND}/tags`, { fields, limit: 1, access_token: token }),
    );
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual([
      expect.objectContaining({
        id: newer.id,
        username: 'guest.bo',
        media_type: 'IMAGE',
        permalink: newer.permalink,
        timestamp: '2026-05-02T12:00:00+0000',
      }),
    ]);
    expect(first.body.paging?.next).toBeUndefined();
    expect(first.body.paging?.previous).toBeUndefined();
    const second = await getJson<Listed>(
      fbUrl(emulator, `/${BRAND}/tags`, {
        fields,
        limit: 1,
        after: first.body.paging?.cursors.after ?? '',
        access_token: token,
      }),
    );
    expect(second.body.data.map((media) => [media.id, media.caption])).toEqual([
      [older.id, 'At the fair'],
    ]);
    // The picture is on the CDN, signed like Instagram's.
    const picture = await fetch(second.body.data[0]?.media_url ?? '');
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toMatch(/^image\//);
  });

  test('reads only the token’s own account, and lists nothing when nobody tagged it', async () => {
    const token = fbToken();
    const none = await getJson<Listed>(
      fbUrl(emulator, `/${BRAND}/tags`, { fields: 'id', access_token: token }),
    );
    expect(none).toMatchObject({ status: 200, body: { data: [] } });
    const other = await getJson<{ error: GraphErrorBody }>(
      fbUrl(emulator, `/${OTHER}/tags`, { access_token: token }),
    );
    expect(other.status).toBe(400);
    expect(other.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  test('graph.instagram.com has no tags edge (Facebook Login only)', async () => {
    emulator.control.addGuestPost({ author: 'guest.ana', tags: [BRAND] });
    const { status, body } = await getJson<{ error: GraphErrorBody }>(
      `${emulator.graphBase}/${BRAND}/tags?access_token=${emulator.demoToken}`,
    );
    expect(status).toBe(400);
    expect(body.error).toMatchObject({
      code: 100,
      message: '(#100) Tried accessing nonexisting field (tags) on node type (IGUser)',
    });
  });
});

describe('mentioned_media on GET /{ig-user-id}', () => {
  test('reads a guest’s post whose caption mentions the account', async () => {
    const post = emulator.control.addGuestPost({
      author: 'guest.ana',
      mentions: [BRAND],
      caption: 'Great night @northlight.events',
      timestamp: '2026-05-01T12:00:00Z',
    });
    const { status, body } = await getJson<{ id: string; mentioned_media: Record<string, string> }>(
      fbUrl(emulator, `/${BRAND}`, {
        fields: `mentioned_media.media_id(${post.id}){caption,media_type,media_url,permalink,username,timestamp}`,
        access_token: fbToken(),
      }),
    );
    expect(status).toBe(200);
    expect(body.id).toBe(BRAND);
    expect(body.mentioned_media).toMatchObject({
      id: post.id,
      caption: 'Great night @northlight.events',
      media_type: 'IMAGE',
      permalink: post.permalink,
      username: 'guest.ana',
      timestamp: '2026-05-01T12:00:00+0000',
    });
    expect(body.mentioned_media.media_url).toContain('/cdn/');
    // The guest's post is not the account's: Instagram Login's GET /{media-id} cannot read it.
    const direct = await getJson<{ error: GraphErrorBody }>(
      `${emulator.graphBase}/${post.id}?fields=id&access_token=${emulator.demoToken}`,
    );
    expect(direct.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  test('refuses a post that does not mention the account, a missing media_id, and the Instagram host', async () => {
    const tagged = emulator.control.addGuestPost({ author: 'guest.bo', tags: [BRAND] });
    const token = fbToken();
    const notMentioned = await getJson<{ error: GraphErrorBody }>(
      fbUrl(emulator, `/${BRAND}`, {
        fields: `mentioned_media.media_id(${tagged.id}){caption}`,
        access_token: token,
      }),
    );
    expect(notMentioned.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const noId = await getJson<{ error: GraphErrorBody }>(
      fbUrl(emulator, `/${BRAND}`, { fields: 'mentioned_media{caption}', access_token: token }),
    );
    expect(noId.body.error).toMatchObject({
      code: 100,
      message: '(#100) The parameter media_id is required',
    });
    const instagram = await getJson<{ error: GraphErrorBody }>(
      `${emulator.graphBase}/${BRAND}?fields=mentioned_media.media_id(${tagged.id}){caption}&access_token=${emulator.demoToken}`,
    );
    expect(instagram.body.error).toMatchObject({
      code: 100,
      message: '(#100) Tried accessing nonexisting field (mentioned_media) on node type (IGUser)',
    });
  });
});

describe('control: guest posts and the mentions webhook', () => {
  let receiver: Server;
  const received: { body: string; signature?: string }[] = [];
  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: request.headers['x-hub-signature-256'] as string | undefined,
        });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  test('sends `mentions` with the media id to each mentioned account, signed by the app', async () => {
    received.length = 0;
    const post = emulator.control.addGuestPost({ author: 'guest.cy', mentions: [BRAND] });
    const { port } = receiver.address() as AddressInfo;
    const result = await emulator.control.sendMentionWebhook({
      callbackUrl: `http://127.0.0.1:${port}/hook`,
      mediaId: post.id,
      appId: FB_APP_ID,
    });
    expect(result.copies).toEqual([{ statuses: [200], delivered: true }]);
    const [delivery] = received;
    expect(JSON.parse(delivery?.body ?? '')).toMatchObject({
      object: 'instagram',
      entry: [{ id: BRAND, changes: [{ field: 'mentions', value: { media_id: post.id } }] }],
    });
    const expected = createHmac('sha256', FB_APP_SECRET)
      .update(delivery?.body ?? '')
      .digest('hex');
    expect(delivery?.signature).toBe(`sha256=${expected}`);
  });

  test('answers bad input over HTTP with a 400 naming what to give; reset forgets guest posts', async () => {
    const post = async (path: string, body: unknown) => {
      const answer = await fetch(`${emulator.origin}/__control/${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
      return { status: answer.status, body: (await answer.json()) as Record<string, unknown> };
    };
    expect(await post('guest-posts', { author: 'guest.ana' })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/tags and\/or mentions/) } },
    });
    expect(await post('guest-posts', { author: 'a b', tags: [BRAND] })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^author/) } },
    });
    expect(await post('guest-posts', { author: 'ana', tags: ['123'] })).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^tags/) } },
    });
    const made = await post('guest-posts', { author: 'ana', tags: [BRAND] });
    expect(made.status).toBe(201);
    expect(
      await post('webhooks/mentions', {
        callbackUrl: 'http://127.0.0.1:9/x',
        mediaId: made.body.id,
      }),
    ).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringMatching(/^mediaId/) } },
    });
    emulator.control.reset();
    const after = await getJson<Listed>(
      fbUrl(emulator, `/${BRAND}/tags`, { access_token: fbToken() }),
    );
    expect(after.body.data).toEqual([]);
  });
});
