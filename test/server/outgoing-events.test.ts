/**
 * The events the server makes of what happens: token expiry once per token however often the
 * hourly check runs, a failed post with its error and remedy, a refresh against the emulator,
 * and the forms of /admin/webhooks. On a real sqlite file.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startEmulator } from '../../integration/emulator/index.ts';
import { addEndpoint, OutgoingWebhooks } from '../../integration/outgoing/index.ts';
import type { PublishJob } from '../../integration/publish/index.ts';
import { webhookFormAction } from '../../integration/server/outgoing-admin.ts';
import {
  emitExpiringTokens,
  emitPublishOutcome,
} from '../../integration/server/outgoing-events.ts';
import type { RequestInputError } from '../../integration/server/request-input.ts';
import { openSqliteStore, type StateStore } from '../../integration/store/index.ts';
import { TokenService } from '../../integration/tokens/index.ts';
import { agedAccount } from '../helpers/token-harness.ts';
import { account, cipherWith, KEY_A } from '../store/store-fixtures.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
let dir: string;
let store: StateStore;
let outbox: OutgoingWebhooks;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-outgoing-events-'));
  store = await openSqliteStore({ path: path.join(dir, 'state.db'), cipher: cipherWith(KEY_A) });
  await addEndpoint(store, {
    url: 'http://127.0.0.1:9/hooks',
    events: ['account.token_expiring', 'post.failed', 'post.published'],
  });
  outbox = new OutgoingWebhooks({ store, now: () => NOW, manual: true });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const messages = async () => (await store.listOutgoingDeliveries()).map((d) => d.message);

it('stores account.token_expiring once per token within 7 days, however often the check runs', async () => {
  const soon = new Date(NOW + 6.5 * DAY).toISOString();
  await store.saveAccount(account({ userId: '17841400000000001', tokenExpiresAt: soon }));
  await store.saveAccount(
    account({ userId: '17841400000000002', tokenExpiresAt: new Date(NOW + 8 * DAY).toISOString() }),
  );
  for (let hour = 0; hour < 3; hour++)
    await emitExpiringTokens(store, outbox, NOW + hour * 3_600_000);
  expect(await messages()).toEqual([
    expect.objectContaining({
      type: 'account.token_expiring',
      data: {
        userId: '17841400000000001',
        username: 'harbour.lights',
        expiresAt: soon,
        daysLeft: 6,
      },
    }),
  ]);
  // Refreshed, then expiring again: a new token, a new event.
  const later = new Date(NOW + 5 * DAY).toISOString();
  await store.saveAccount(account({ userId: '17841400000000001', tokenExpiresAt: later }));
  await emitExpiringTokens(store, outbox, NOW);
  expect((await messages()).map((m) => m.data.expiresAt)).toEqual([later, soon]);
  expect(JSON.stringify(await messages())).not.toMatch(/IGAA/);
});

it('sends post.failed with the error and its remedy, once per job however often it is saved', async () => {
  const job = {
    id: 'job-1',
    accountId: '17841400000000001',
    kind: 'image',
    status: 'failed',
    error: {
      code: 9004,
      message: 'Only photo or video can be accepted as media type.',
      remedy: 'Check that the media URL answers with the picture itself.',
    },
  } as PublishJob;
  emitPublishOutcome(outbox, job);
  emitPublishOutcome(outbox, job);
  emitPublishOutcome(outbox, { ...job, status: 'running' } as PublishJob);
  await expect.poll(async () => (await messages()).length).toBe(1);
  await new Promise((resolve) => setImmediate(resolve));
  expect(await messages()).toEqual([
    expect.objectContaining({
      type: 'post.failed',
      data: {
        jobId: 'job-1',
        accountId: '17841400000000001',
        kind: 'image',
        error: { code: 9004, message: 'Only photo or video can be accepted as media type.' },
        remedy: 'Check that the media URL answers with the picture itself.',
      },
    }),
  ]);
});

it('answers each bad form of /admin/webhooks with a 4xx naming the field', async () => {
  const services = { store, outgoing: outbox };
  const refusal = (fields: Record<string, string | string[]>) => {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(fields))
      for (const each of [value].flat()) form.append(name, each);
    return webhookFormAction(services, form).then(
      () => undefined,
      (error: RequestInputError) => [error.status, error.parameter],
    );
  };
  expect(await refusal({ action: 'drop' })).toEqual([400, 'action']);
  expect(
    await refusal({ action: 'add', url: 'javascript:alert(1)', events: 'post.published' }),
  ).toEqual([400, 'url']);
  expect(await refusal({ action: 'add', url: 'https://example.com/h' })).toEqual([400, 'events']);
  expect(
    await refusal({ action: 'add', url: 'https://example.com/h', events: ['post.liked'] }),
  ).toEqual([400, 'events']);
  expect(await refusal({ action: 'remove', id: '../x' })).toEqual([400, 'id']);
  expect(await refusal({ action: 'rotate', id: 'ep_0123456789abcdef' })).toEqual([404, 'id']);
  expect(await refusal({ action: 'replay', seq: '1.5' })).toEqual([400, 'seq']);
  expect(await refusal({ action: 'replay', seq: '77' })).toEqual([404, 'seq']);
  const added = await webhookFormAction(
    services,
    new URLSearchParams([
      ['action', 'add'],
      ['url', 'https://example.com/h'],
      ['events', 'upload.pending'],
      ['events', 'build.requested'],
    ]),
  );
  expect(added.shown?.secret).toMatch(/^whsec_/);
  const [, endpoint] = await store.listOutgoingEndpoints();
  expect(endpoint).toMatchObject({
    url: 'https://example.com/h',
    events: ['upload.pending', 'build.requested'],
  });
});

it('stores account.token_refreshed after a refresh against the emulator, without the token', async () => {
  const emulator = await startEmulator();
  try {
    await addEndpoint(store, {
      url: 'http://127.0.0.1:9/tokens',
      events: ['account.token_refreshed'],
    });
    const account = agedAccount(emulator, { ageDays: 30, daysLeft: 30 });
    await store.saveAccount(account);
    const tokens = new TokenService({
      store,
      graphBase: emulator.graphBase,
      leadDays: 10,
      now: () => emulator.control.now(),
      onRefreshed: (refreshed) =>
        void outbox.emit(
          'account.token_refreshed',
          refreshed,
          `${refreshed.userId}:${refreshed.refreshedAt}`,
        ),
    });
    const outcome = await tokens.refresh(account.userId);
    await expect.poll(async () => (await messages()).length).toBe(1);
    const [message] = await messages();
    expect(message).toMatchObject({
      type: 'account.token_refreshed',
      data: { userId: account.userId, username: 'northlight.events', expiresAt: outcome.expiresAt },
    });
    const refreshed = await store.getAccount(account.userId);
    expect(JSON.stringify(message)).not.toContain(refreshed!.token);
    expect(JSON.stringify(message)).not.toContain(account.token);
  } finally {
    await emulator.close();
  }
});
