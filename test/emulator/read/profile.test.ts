import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph, getJson } from '../helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const PROFILE_FIELDS =
  'user_id,username,name,account_type,profile_picture_url,followers_count,follows_count,media_count,biography,website';

describe('profile', () => {
  test('/me answers every profile field, with an app-scoped id different from user_id', async () => {
    const { status, body } = await getGraph(emulator, '/me', { fields: PROFILE_FIELDS });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual([...PROFILE_FIELDS.split(','), 'id']);
    expect(body).toMatchObject({
      user_id: '17841400000000001',
      username: 'northlight.events',
      name: 'Northlight Events',
      account_type: 'BUSINESS',
      media_count: 67,
      website: 'https://northlight.example',
    });
    expect(body.id).not.toBe(body.user_id);
    expect(body.profile_picture_url).toMatch(
      /\/cdn\/v\/t51\.2885-15\/17841400000000001_p_n\.jpg\?/,
    );
  });

  test('/{ig-user-id} answers the IG user id as id', async () => {
    const { body } = await getGraph(emulator, `/${emulator.userId}`, { fields: 'username' });
    expect(body).toEqual({ username: 'northlight.events', id: emulator.userId });
  });

  test('without fields, a profile is just {id}', async () => {
    expect((await getGraph(emulator, '/me')).body).toEqual({ id: '9517830000000001' });
    expect((await getGraph(emulator, `/${emulator.userId}`)).body).toEqual({ id: emulator.userId });
  });

  test('an unknown profile field names the IGUser node type', async () => {
    const { body } = await getGraph(emulator, '/me', { fields: 'username,foo' });
    expect(body.error.message).toBe(
      '(#100) Tried accessing nonexisting field (foo) on node type (IGUser)',
    );
  });

  test('media can be expanded inside the profile, with a next link to the media edge', async () => {
    const { body } = await getGraph(emulator, '/me', {
      fields: 'username,media.limit(5){id,caption}',
    });
    expect(body.media.data).toHaveLength(5);
    const next = new URL(body.media.paging.next);
    expect(next.pathname).toBe(`/v26.0/${emulator.userId}/media`);
    expect(next.searchParams.get('fields')).toBe('id,caption');
    expect((await getJson(next.href)).body.data).toHaveLength(5);
  });
});
