/**
 * Outgoing webhooks end to end: the server's routes over real HTTP with its real services on a
 * sqlite file, against the emulator. An endpoint added through POST /api/admin/webhooks is sent
 * real events (a guest upload, a publish, a rebuild request, a disconnect) while its receiver is
 * closed; once the receiver is back, it gets every event, in order, each signature verified by
 * standardwebhooks' own Webhook.verify. No secret reaches a payload.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { resolveOptions } from '../../integration/options.ts';
import { getServices, resetServices } from '../../integration/server/services.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';
import {
  startWebhookReceiver,
  verified,
  type WebhookReceiver,
} from '../helpers/webhook-receiver.ts';
import { startRouteSite, type RouteSite } from './route-site.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NIGHT_RUN = '2026-03-28-night-run';
const OPEN_EVENT = 'open-for-uploads';
const NORTHLIGHT = '17841400000000001';

let emulator: RunningEmulator;
let site: RouteSite;
let receiver: WebhookReceiver;
let dir: string;

/** An event whose upload window is open whenever the test runs: from yesterday to next week. */
function openEvent(now: Date): string {
  const day = (offset: number) =>
    new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return `title: Open for uploads\ntimezone: UTC\nstart: ${day(-1)}T10:00\nend: ${day(-1)}T20:00\nuploads:\n  enabled: true\n  until: ${day(7)}T23:59\n`;
}

beforeAll(async () => {
  emulator = await startEmulator();
  site = await startRouteSite();
  receiver = await startWebhookReceiver();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-outgoing-'));
  await cp(
    path.join(ROOT, 'content/guest-photos', NIGHT_RUN),
    path.join(dir, 'guests', NIGHT_RUN),
    {
      recursive: true,
    },
  );
  await mkdir(path.join(dir, 'events'));
  await cp(
    path.join(ROOT, 'content/events', `${NIGHT_RUN}.yaml`),
    path.join(dir, 'events', `${NIGHT_RUN}.yaml`),
  );
  await writeFile(path.join(dir, 'events', `${OPEN_EVENT}.yaml`), openEvent(new Date()));
  const env = {
    IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
    STATE_DB_PATH: path.join(dir, 'state.db'),
    IG_ACCESS_TOKEN: emulator.demoToken,
    INSTAGRAM_GRAPH_BASE: emulator.graphBase,
    PUBLIC_BASE_URL: site.origin,
    OUTGOING_WEBHOOK_FIRST_RETRY_SECONDS: '1',
  };
  const options = resolveOptions(
    { eventsDir: path.join(dir, 'events'), guestPhotos: { dir: path.join(dir, 'guests') } },
    env,
  );
  await getServices(env, options);
});

afterAll(async () => {
  await resetServices();
  await site?.close();
  await receiver?.close();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const call = (method: string, pathname: string, body?: unknown) =>
  fetch(`${site.origin}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

async function jsonOf<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

interface Log {
  endpoints: { id: string }[];
  deliveries: { seq: number; status: string; attempts: number; message: { type: string } }[];
}
const log = async () => jsonOf<Log>(await call('GET', '/api/admin/webhooks'), 200);

/** Waits until the outbox holds `n` deliveries (each action's event is stored before the next). */
async function stored(n: number): Promise<void> {
  await expect.poll(async () => (await log()).deliveries.length, { timeout: 60_000 }).toBe(n);
}

it('refuses a bad endpoint with a 400 naming the field, and an unknown one with a 404', async () => {
  const bad = await jsonOf<{ error: { message: string } }>(
    await call('POST', '/api/admin/webhooks', {
      url: 'ftp://example.com/x',
      events: ['post.published'],
    }),
    400,
  );
  expect(bad.error.message).toContain('"url"');
  const noEvents = await jsonOf<{ error: { message: string } }>(
    await call('POST', '/api/admin/webhooks', {
      url: 'https://example.com/x',
      events: ['post.liked'],
    }),
    400,
  );
  expect(noEvents.error.message).toContain('"events');
  await jsonOf(await call('POST', '/api/admin/webhooks/ep_0123456789abcdef/rotate'), 404);
  await jsonOf(await call('DELETE', '/api/admin/webhooks/not-an-id'), 400);
  await jsonOf(await call('POST', '/api/admin/webhooks/deliveries/12345/replay'), 404);
});

it('delivers real events to a receiver that was down, every one once it is back, in order and verified', async () => {
  const added = await jsonOf<{ endpoint: { id: string }; secret: string }>(
    await call('POST', '/api/admin/webhooks', {
      url: receiver.url(),
      events: [
        'upload.pending',
        'post.published',
        'post.failed',
        'build.requested',
        'account.disconnected',
      ],
    }),
    201,
  );
  expect(added.secret).toMatch(/^whsec_/);
  expect(JSON.stringify(await log())).not.toContain(added.secret);
  await receiver.close();

  // A guest photo waits for review.
  const photo = await readFile(path.join(dir, 'guests', NIGHT_RUN, 'start-line.jpg'));
  const { upload } = await jsonOf<{ upload: { url: string } }>(
    await call('POST', `/api/guest/${OPEN_EVENT}/uploads`, {
      fileName: 'start-line.jpg',
      bytes: photo.length,
      contentType: 'image/jpeg',
    }),
    201,
  );
  const put = await fetch(new URL(upload.url, site.origin), { method: 'PUT', body: photo });
  expect(put.status, await put.text()).toBe(201);
  await stored(1);
  // A post published through the emulator.
  const submitted = await jsonOf<{ job: { id: string } }>(
    await call('POST', '/api/publish', {
      account: NORTHLIGHT,
      kind: 'image',
      items: [{ source: { type: 'guest', eventId: NIGHT_RUN, name: 'start-line.jpg' } }],
      caption: 'Sent to the webhooks',
      idempotencyKey: 'outgoing-webhooks-1',
    }),
    202,
  );
  await stored(2);
  // A rebuild request, and a disconnect.
  const services = await getServices();
  services.rebuild.request('outgoing webhooks test');
  await stored(3);
  await jsonOf(
    await call('POST', '/api/instagram/token/store-environment', { account: NORTHLIGHT }),
    201,
  );
  await jsonOf(await call('DELETE', `/api/instagram/accounts/${NORTHLIGHT}`), 200);
  await stored(4);

  // Down: the first event was tried and waits for its retry; the others wait behind it.
  const waiting = (await log()).deliveries;
  expect(waiting.every((d) => d.status === 'pending')).toBe(true);
  expect(waiting.find((d) => d.message.type === 'upload.pending')?.attempts).toBeGreaterThan(0);
  expect(receiver.received).toHaveLength(0);

  await receiver.open();
  await expect
    .poll(async () => (await log()).deliveries.map((d) => d.status), { timeout: 60_000 })
    .toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  const messages = receiver.received.map((request) => verified(added.secret, request));
  expect(messages.map((m) => m.type)).toEqual([
    'upload.pending',
    'post.published',
    'build.requested',
    'account.disconnected',
  ]);
  expect(messages[0]!.data).toMatchObject({ eventId: OPEN_EVENT, review: '/admin/moderation' });
  expect(messages[1]!.data).toMatchObject({ jobId: submitted.job.id, accountId: NORTHLIGHT });
  expect(messages[1]!.data.mediaId).toEqual(expect.any(String));
  expect(messages[2]!.data).toMatchObject({ reason: 'outgoing webhooks test' });
  expect(messages[3]!.data).toEqual({ userId: NORTHLIGHT });
  const everything = receiver.received.map((request) => request.body).join('\n');
  expect(everything).not.toContain(emulator.demoToken);
  expect(everything).not.toContain(added.secret.slice(6));

  // Replay sends a delivery again, with the same webhook-id, verified as before.
  const [newest] = (await log()).deliveries;
  await jsonOf(await call('POST', `/api/admin/webhooks/deliveries/${newest!.seq}/replay`), 202);
  await expect.poll(() => receiver.received.length, { timeout: 60_000 }).toBe(5);
  const replayed = receiver.received[4]!;
  expect(verified(added.secret, replayed).type).toBe('account.disconnected');
  expect(replayed.headers['webhook-id']).toBe(receiver.received[3]!.headers['webhook-id']);

  // Removed, it gets nothing more.
  await jsonOf(await call('DELETE', `/api/admin/webhooks/${added.endpoint.id}`), 200);
  expect((await log()).deliveries).toEqual([]);
});
