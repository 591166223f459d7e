import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { type GraphList, getJson } from '../helpers.ts';
import { fbUrl } from './facebook-helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.control.reset());

const longUserToken = (
  scopes?: Parameters<RunningEmulator['control']['issueToken']>[0]['scopes'],
) => emulator.control.issueToken({ kind: 'long', flavour: 'facebook', ...(scopes && { scopes }) });

interface PageList {
  data: {
    id: string;
    name: string;
    access_token?: string;
    instagram_business_account?: Record<string, string>;
  }[];
}

describe('Page discovery (graph-api.md §1.3)', () => {
  test('/me/accounts lists the Page with its Page token and linked IG account', async () => {
    const token = longUserToken();
    const { status, body } = await getJson<PageList>(
      fbUrl(emulator, '/me/accounts', {
        fields: 'id,name,access_token,instagram_business_account{id,username}',
        access_token: token,
      }),
    );
    expect(status).toBe(200);
    expect(body.data).toHaveLength(1);
    const [page] = body.data;
    expect(page?.instagram_business_account).toEqual({
      id: emulator.userId,
      username: 'northlight.events',
    });
    expect(page?.access_token).toMatch(/^EAA/);
    // The same Page token each time.
    const again = await getJson<PageList>(
      fbUrl(emulator, '/me/accounts', { fields: 'access_token', access_token: token }),
    );
    expect(again.body.data[0]?.access_token).toBe(page?.access_token);
  });

  test('without pages_show_list the list is empty', async () => {
    const token = longUserToken(['instagram_basic']);
    const { body } = await getJson<PageList>(
      fbUrl(emulator, '/me/accounts', { access_token: token }),
    );
    expect(body.data).toEqual([]);
  });

  test('/{page-id}?fields=instagram_business_account, by the user token and by the Page token', async () => {
    const token = longUserToken();
    const pages = await getJson<PageList>(
      fbUrl(emulator, '/me/accounts', { fields: 'id,access_token', access_token: token }),
    );
    const page = pages.body.data[0];
    for (const accessToken of [token, page?.access_token ?? '']) {
      const node = await getJson(
        fbUrl(emulator, `/${page?.id}`, {
          fields: 'instagram_business_account',
          access_token: accessToken,
        }),
      );
      expect(node.body).toEqual({
        instagram_business_account: { id: emulator.userId },
        id: page?.id,
      });
    }
  });

  test('a Page token from a long-lived user token does not expire; the user token does', async () => {
    const token = longUserToken();
    const pages = await getJson<PageList>(
      fbUrl(emulator, '/me/accounts', { fields: 'access_token', access_token: token }),
    );
    const pageToken = pages.body.data[0]?.access_token ?? '';
    emulator.control.advanceClock(400 * 24 * 3600);
    const media = await getJson<GraphList>(
      fbUrl(emulator, `/${emulator.userId}/media`, {
        fields: 'id',
        limit: 2,
        access_token: pageToken,
      }),
    );
    expect(media.status).toBe(200);
    expect(media.body.data).toHaveLength(2);
    const user = await getJson(fbUrl(emulator, '/me', { access_token: token }));
    expect(user.body.error).toMatchObject({ code: 190, error_subcode: 463 });
  });
});

describe("graph.facebook.com's differences", () => {
  test('/me is the Facebook user, who has no media edge', async () => {
    const token = longUserToken();
    const me = await getJson(fbUrl(emulator, '/me', { fields: 'id,name', access_token: token }));
    expect(me.body.id).toMatch(/^100\d{13}$/);
    const media = await getJson(fbUrl(emulator, '/me/media', { access_token: token }));
    expect(media.body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (media) on node type (User)',
    );
  });

  test('each host takes only its own tokens', async () => {
    const onFacebook = await getJson(
      fbUrl(emulator, `/${emulator.userId}`, { access_token: emulator.demoToken }),
    );
    expect(onFacebook.body.error).toMatchObject({
      code: 190,
      message: 'Invalid OAuth access token - Cannot parse access token',
    });
    const token = longUserToken();
    const onInstagram = await getJson(
      `${emulator.graphBase}/${emulator.userId}?access_token=${token}`,
    );
    expect(onInstagram.body.error.code).toBe(190);
  });

  test('Instagram nodes are Shadow… nodes in field errors; paging links stay on the Facebook host', async () => {
    const token = longUserToken();
    const bad = await getJson(
      fbUrl(emulator, `/${emulator.userId}/media`, { fields: 'id,nope', access_token: token }),
    );
    expect(bad.body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (nope) on node type (ShadowIGMedia)',
    );
    const user = await getJson(
      fbUrl(emulator, `/${emulator.userId}`, { fields: 'nope', access_token: token }),
    );
    expect(user.body.error.message).toContain('(ShadowIGUser)');
    const page = await getJson<GraphList>(
      fbUrl(emulator, `/${emulator.userId}/media`, { fields: 'id', limit: 2, access_token: token }),
    );
    expect(
      page.body.paging.next.startsWith(`${emulator.facebookGraphBase}/${emulator.userId}/media?`),
    ).toBe(true);
    const next = await getJson<GraphList>(page.body.paging.next);
    expect(next.body.data).toHaveLength(2);
  });

  test('insights and publishing check the Facebook permissions', async () => {
    const token = longUserToken(['instagram_basic', 'pages_show_list']);
    const insights = await getJson(
      fbUrl(emulator, `/${emulator.userId}/insights`, {
        metric: 'reach',
        period: 'day',
        access_token: token,
      }),
    );
    expect(insights.body.error.code).toBe(10);
    const limit = await getJson(
      fbUrl(emulator, `/${emulator.userId}/content_publishing_limit`, { access_token: token }),
    );
    expect(limit.body.error.code).toBe(10);
    const granted = await getJson<GraphList>(
      fbUrl(emulator, `/${emulator.userId}/content_publishing_limit`, {
        fields: 'quota_usage',
        access_token: longUserToken(),
      }),
    );
    expect(granted.status).toBe(200);
    expect(granted.body.data[0]).toMatchObject({ quota_usage: 0 });
  });
});
