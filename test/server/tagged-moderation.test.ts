/**
 * Tagged posts through the server: the emulator sends a `comments` notification that @mentions
 * the account to the real webhook route; the server's own processor makes it a pending candidate
 * of the event whose window holds it; /api/admin/moderation/tagged lists, approves and removes
 * it. Real services on a sqlite file, the emulator over HTTP.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { resolveOptions } from '../../integration/options.ts';
import { getServices, resetServices } from '../../integration/server/services.ts';
import type { TaggedCandidate } from '../../integration/store/index.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';
import { APP_SECRET } from '../helpers/webhook-site.ts';
import { startRouteSite, type RouteSite } from './route-site.ts';

const NORTHLIGHT = '17841400000000001';
const GUEST_MEDIA = '17985656739486297'; // othervenue's: Instagram Login cannot read it
const EVENT = 'harbour-day';

let emulator: RunningEmulator;
let site: RouteSite;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator();
  site = await startRouteSite();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-tagged-'));
  await mkdir(path.join(dir, 'events'));
  await writeFile(
    path.join(dir, 'events', `${EVENT}.yaml`),
    'title: Harbour day\ntimezone: UTC\nstart: 2026-07-04T10:00\nend: 2026-07-04T18:00\n',
  );
  const env = {
    IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
    STATE_DB_PATH: path.join(dir, 'state.db'),
    IG_ACCESS_TOKEN: emulator.demoToken,
    INSTAGRAM_GRAPH_BASE: emulator.graphBase,
    INSTAGRAM_APP_SECRET: APP_SECRET,
    PUBLIC_BASE_URL: site.origin,
  };
  await getServices(env, resolveOptions({ eventsDir: path.join(dir, 'events') }, env));
});

afterAll(async () => {
  await resetServices();
  await site?.close();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const list = async (): Promise<TaggedCandidate[]> => {
  const answer = await fetch(`${site.origin}/api/admin/moderation/tagged?event=${EVENT}`);
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { candidates: TaggedCandidate[] }).candidates;
};
const review = (body: unknown) =>
  fetch(`${site.origin}/api/admin/moderation/tagged`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('a mention webhook becomes a pending candidate; approve, then remove (the takedown)', async () => {
  const sent = await emulator.control.sendWebhook({
    callbackUrl: `${site.origin}/api/instagram/webhook`,
    entries: [
      {
        accountId: NORTHLIGHT,
        time: Date.parse('2026-07-04T12:30:00Z') / 1000,
        changes: [
          {
            field: 'comments',
            value: {
              from: { id: '42', username: 'guest.ana' },
              id: '17865799348089039',
              text: 'Best day at the harbour @northlight.events',
              media: { id: GUEST_MEDIA, media_product_type: 'FEED' },
            },
          },
        ],
      },
    ],
  });
  expect(sent.copies[0]?.statuses).toEqual([200]);
  // Processed after the 200, on the server's own schedule: poll, with a hang guard.
  let candidates: TaggedCandidate[] = [];
  for (let tries = 0; candidates.length === 0 && tries < 200; tries++) {
    candidates = await list();
    if (candidates.length === 0) await sleep(50);
  }
  expect(candidates).toMatchObject([
    { mediaId: GUEST_MEDIA, author: 'guest.ana', status: 'pending', source: 'comment-mention' },
  ]);

  expect(await (await review({ action: 'remove', media: [GUEST_MEDIA] })).json()).toEqual({
    changed: [],
  });
  expect(await (await review({ action: 'approve', media: [GUEST_MEDIA] })).json()).toEqual({
    changed: [GUEST_MEDIA],
  });
  expect((await list())[0]?.status).toBe('approved');
  const { rebuild } = await getServices();
  expect((await rebuild.status()).lastReason).toBe('tagged posts: approved');
  expect(await (await review({ action: 'remove', media: [GUEST_MEDIA] })).json()).toEqual({
    changed: [GUEST_MEDIA],
  });
  expect((await list())[0]?.status).toBe('removed');
});

it('answers bad input with a 400 naming the field', async () => {
  const bad = await review({ action: 'publish', media: [GUEST_MEDIA] });
  expect(bad.status).toBe(400);
  const message = async (answer: Response) =>
    ((await answer.json()) as { error: { message: string } }).error.message;
  expect(await message(bad)).toMatch(/^Body field "action": .*approve/);
  const badId = await review({ action: 'approve', media: ['../etc'] });
  expect(badId.status).toBe(400);
  expect(await message(badId)).toMatch(/^Body field "media\.0": expected an Instagram media id/);
  const noEvent = await fetch(`${site.origin}/api/admin/moderation/tagged`);
  expect(noEvent.status).toBe(400);
  expect(await message(noEvent)).toMatch(/"event".*\?event=<event id>/);
});
