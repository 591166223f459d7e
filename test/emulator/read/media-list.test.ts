import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { type GraphBody, getGraph, getJson } from '../helpers.ts';
import { seedWithImages } from '../seeds.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

describe('listing media', () => {
  test('lists newest first with a default page of 25', async () => {
    const { status, body } = await getGraph(emulator, `/${emulator.userId}/media`, {
      fields: 'id,timestamp',
    });
    expect(status).toBe(200);
    expect(body.data).toHaveLength(25);
    const times = body.data.map((item: { timestamp: string }) => item.timestamp);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('clamps limit 500 to 100', async () => {
    const bulk = await startEmulator({ seed: seedWithImages(150) });
    try {
      const { body } = await getGraph(bulk, '/me/media', { limit: 500 });
      expect(body.data).toHaveLength(100);
      expect(new URL(body.paging.next).searchParams.get('limit')).toBe('100');
      expect((await getJson(body.paging.next)).body.data).toHaveLength(50);
    } finally {
      await bulk.close();
    }
  });

  test('gives each item as just {id} without fields', async () => {
    const { body } = await getGraph(emulator, '/me/media', { limit: 3 });
    for (const item of body.data) expect(Object.keys(item)).toEqual(['id']);
  });

  test('has cursors and an absolute next link carrying token, fields and limit', async () => {
    const { body } = await getGraph(emulator, '/me/media', { fields: 'id,caption', limit: 10 });
    expect(body.paging.cursors.before).toMatch(/^QVFI/);
    expect(body.paging.cursors.after).toMatch(/^QVFI/);
    expect(body.paging.previous).toBeUndefined();
    const next = new URL(body.paging.next);
    expect(next.origin).toBe(emulator.origin);
    expect(next.pathname).toBe(`/v26.0/${emulator.userId}/media`);
    expect(next.searchParams.get('access_token')).toBe(emulator.demoToken);
    expect(next.searchParams.get('fields')).toBe('id,caption');
    expect(next.searchParams.get('limit')).toBe('10');
    expect(next.searchParams.get('after')).toBe(body.paging.cursors.after);
  });

  test('following every next link returns every item exactly once, and next is absent on the last page', async () => {
    const firstPage = await getGraph(emulator, '/me/media', { fields: 'id', limit: 20 });
    const seen: string[] = firstPage.body.data.map((i: { id: string }) => i.id);
    let url: string | undefined = firstPage.body.paging.next;
    let pages = 1;
    let last: GraphBody | undefined;
    while (url) {
      last = (await getJson(url)).body;
      seen.push(...last.data.map((i: { id: string }) => i.id));
      expect(last.paging.previous).toBeDefined();
      url = last.paging.next;
      pages += 1;
    }
    expect(pages).toBe(4);
    expect(last?.data).toHaveLength(7);
    expect(last?.paging.next).toBeUndefined();
    expect(new Set(seen).size).toBe(67);
    expect(seen).toHaveLength(67);
  });

  test('the previous link of page two leads back to page one', async () => {
    const first = await getGraph(emulator, '/me/media', { limit: 5 });
    const second = await getJson(first.body.paging.next);
    const back = await getJson(second.body.paging.previous);
    expect(back.body.data).toEqual(first.body.data);
  });

  test('filters on since and until, as unix seconds or ISO strings', async () => {
    const since = Date.parse('2026-06-20T00:00:00Z') / 1000;
    const { body } = await getGraph(emulator, '/me/media', {
      fields: 'timestamp',
      since,
      until: '2026-06-21T23:59:59Z',
    });
    expect(body.data.map((i: { timestamp: string }) => i.timestamp)).toEqual([
      '2026-06-21T06:10:00+0000',
      '2026-06-21T03:30:00+0000',
      '2026-06-20T22:15:00+0000',
      '2026-06-20T21:00:00+0000',
      '2026-06-20T20:00:00+0000',
      '2026-06-20T16:30:00+0000',
    ]);
  });

  test('keeps since/until in next links', async () => {
    const { body } = await getGraph(emulator, '/me/media', {
      since: '2026-06-20T00:00:00Z',
      until: '2026-06-22T00:00:00Z',
      limit: 4,
    });
    const next = new URL(body.paging.next);
    expect(next.searchParams.get('since')).toBe(String(Date.parse('2026-06-20T00:00:00Z') / 1000));
    expect((await getJson(next.href)).body.data).toHaveLength(2);
  });

  test('answers an unreadable cursor with a code 100 error', async () => {
    const { status, body } = await getGraph(emulator, '/me/media', { after: 'not-a-cursor' });
    expect(status).toBe(400);
    expect(body.error.code).toBe(100);
  });

  test('/me/media and /{ig-user-id}/media list the same items', async () => {
    const viaMe = await getGraph(emulator, '/me/media', { fields: 'id', limit: 30 });
    const viaId = await getGraph(emulator, `/${emulator.userId}/media`, {
      fields: 'id',
      limit: 30,
    });
    expect(viaMe.body.data).toEqual(viaId.body.data);
  });

  test('the /v26.0/ prefix and no prefix behave the same', async () => {
    const query = `fields=id,timestamp&limit=3&access_token=${emulator.demoToken}`;
    const versioned = await getJson(`${emulator.origin}/v26.0/me/media?${query}`);
    const bare = await getJson(`${emulator.origin}/me/media?${query}`);
    const older = await getJson(`${emulator.origin}/v25.0/me/media?${query}`);
    expect(bare.body.data).toEqual(versioned.body.data);
    expect(older.body.data).toEqual(versioned.body.data);
    expect(new URL(older.body.paging.next).pathname).toMatch(/^\/v25\.0\//);
  });
});
