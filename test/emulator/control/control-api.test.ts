import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph, getJson, type ControlBody } from '../helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

async function control(method: string, path: string, body?: unknown) {
  const answer = await request(`${emulator.origin}/__control${path}`, {
    method: method as 'GET',
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  return { status: answer.statusCode, body: (await answer.body.json()) as ControlBody };
}

describe('control API over HTTP', () => {
  test('POST /__control/faults queues a fault and DELETE clears them', async () => {
    const added = await control('POST', '/faults', { route: 'GET /me', times: 0, status: 500 });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ route: 'GET /me', status: 500, remaining: null });
    expect((await getGraph(emulator, '/me')).status).toBe(500);
    expect((await control('GET', '/faults')).body.data).toHaveLength(1);
    expect((await control('DELETE', '/faults')).status).toBe(200);
    expect((await getGraph(emulator, '/me')).status).toBe(200);
  });

  test('a bad fault is a 400 naming the problem', async () => {
    const { status, body } = await control('POST', '/faults', {
      route: 'GET /me',
      delayMs: 'soon',
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/fault\.delayMs/);
  });

  test('GET /__control/requests counts Graph and CDN requests, not control requests', async () => {
    await getGraph(emulator, '/me');
    await getGraph(emulator, '/me');
    await control('GET', '/faults');
    const { body } = await control('GET', '/requests');
    expect(body).toEqual({ total: 2, byRoute: { 'GET /me': 2 } });
  });

  test('POST /__control/clock moves the clock; POST /__control/reset puts it back', async () => {
    const image = (await getGraph(emulator, '/me', { fields: 'profile_picture_url' })).body
      .profile_picture_url;
    const moved = await control('POST', '/clock', { advanceSeconds: 4 * 86400 });
    expect(moved.status).toBe(200);
    expect(Date.parse(moved.body.now) - Date.now()).toBeGreaterThan(4 * 86400_000 - 5000);
    expect((await request(image)).statusCode).toBe(403);
    expect((await control('POST', '/reset')).status).toBe(200);
    expect((await control('GET', '/requests')).body.total).toBe(0);
    expect((await request(image)).statusCode).toBe(200);
  });

  test('a clock request without advanceSeconds is a 400', async () => {
    expect((await control('POST', '/clock', {})).status).toBe(400);
  });

  test('unknown control routes are a 404 listing the known ones', async () => {
    const { status, body } = await getJson(`${emulator.origin}/__control/nope`);
    expect(status).toBe(404);
    expect(body.error.message).toContain('POST /__control/faults');
  });
});
