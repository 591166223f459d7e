/**
 * IG_ACCESS_TOKEN counts as an account when none is stored, as it does for the builds: the
 * server's routes over real HTTP, with its real services on a sqlite file, against the emulator.
 * Analytics, publishing and the token status use it; POST /api/instagram/token/store-environment
 * stores it, encrypted, as a connected account.
 */
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../integration/emulator/index.ts';
import { resolveOptions } from '../../integration/options.ts';
import { getServices, resetServices } from '../../integration/server/services.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';
import { startRouteSite, type RouteSite } from './route-site.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EVENT = '2026-03-28-night-run';
/** The emulator's demo seed: its first account's token is `emulator.demoToken`. */
const NORTHLIGHT = { userId: '17841400000000001', username: 'northlight.events' };
const OTHERVENUE_ID = '17841400000000002';

let emulator: RunningEmulator;
let site: RouteSite;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator();
  site = await startRouteSite();
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-env-token-'));
  await cp(path.join(ROOT, 'content/guest-photos', EVENT), path.join(dir, 'guests', EVENT), {
    recursive: true,
  });
  const env = {
    IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
    STATE_DB_PATH: path.join(dir, 'state.db'),
    IG_ACCESS_TOKEN: emulator.demoToken,
    INSTAGRAM_GRAPH_BASE: emulator.graphBase,
    // Instagram fetches the media to publish from the site's signed URLs.
    PUBLIC_BASE_URL: site.origin,
  };
  const options = resolveOptions(
    {
      eventsDir: path.join(ROOT, 'content/events'),
      guestPhotos: { dir: path.join(dir, 'guests') },
    },
    env,
  );
  await getServices(env, options);
});

afterAll(async () => {
  await resetServices();
  await site?.close();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const get = (pathname: string) => fetch(`${site.origin}${pathname}`);
const post = (pathname: string, body: unknown) =>
  fetch(`${site.origin}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function jsonOf<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(text, 'the token never reaches an answer').not.toContain(emulator.demoToken);
  return JSON.parse(text) as T;
}

/** Everything the sqlite store wrote: the file and its journal. */
async function stateFiles(): Promise<Buffer> {
  const names = (await readdir(dir)).filter((name) => name.startsWith('state.db'));
  return Buffer.concat(await Promise.all(names.map((name) => readFile(path.join(dir, name)))));
}

interface Status {
  userId: string;
  username: string;
  source: string;
  refreshBlockedBy?: string;
}

describe('with IG_ACCESS_TOKEN and no stored account', () => {
  it('answers analytics for the account of the token', async () => {
    const payload = await jsonOf<{ account: { id: string; username: string }; posts: unknown[] }>(
      await get('/api/instagram/analytics'),
      200,
    );
    expect(payload.account).toMatchObject({ id: NORTHLIGHT.userId, username: NORTHLIGHT.username });
    expect(Array.isArray(payload.posts)).toBe(true);
  });

  it('lists that account in the token status, marked as from the environment', async () => {
    const status = await jsonOf<{
      accounts: Status[];
      environment: { configured: boolean; usedForSync: boolean; account?: Status };
    }>(await get('/api/instagram/token/status'), 200);
    expect(status.accounts).toEqual([
      expect.objectContaining({
        ...NORTHLIGHT,
        source: 'environment',
        expiresAt: null,
        refreshBlockedBy: 'not_stored',
      }),
    ]);
    expect(status.environment).toMatchObject({
      configured: true,
      usedForSync: true,
      account: NORTHLIGHT,
    });
  });

  it('publishes with it', async () => {
    const submitted = await jsonOf<{ job: { id: string; accountId: string } }>(
      await post('/api/publish', {
        account: NORTHLIGHT.userId,
        kind: 'image',
        items: [{ source: { type: 'guest', eventId: EVENT, name: 'start-line.jpg' } }],
        caption: 'Published with IG_ACCESS_TOKEN',
        idempotencyKey: 'env-token-publish-1',
      }),
      202,
    );
    expect(submitted.job.accountId).toBe(NORTHLIGHT.userId);
    await expect
      .poll(
        async () =>
          (
            await jsonOf<{ job: { status: string } }>(
              await get(`/api/publish/${submitted.job.id}`),
              200,
            )
          ).job.status,
        { timeout: 60_000, interval: 200 },
      )
      .toBe('published');
    const posts = emulator.control.publishedMedia(NORTHLIGHT.userId);
    expect(posts.map((post) => post.caption)).toContain('Published with IG_ACCESS_TOKEN');
  });

  it('refuses a store request without an Instagram user id, naming the parameter', async () => {
    for (const body of [{}, { account: 'me' }, { account: '1'.repeat(31) }]) {
      const answer = await jsonOf<{ error: { parameter?: string; message: string } }>(
        await post('/api/instagram/token/store-environment', body),
        400,
      );
      expect(answer.error.parameter).toBe('account');
    }
  });

  it('refuses to store the token as another account, storing nothing', async () => {
    const answer = await jsonOf<{ error: { code: string; message: string } }>(
      await post('/api/instagram/token/store-environment', { account: OTHERVENUE_ID }),
      409,
    );
    expect(answer.error.code).toBe('account_mismatch');
    expect(answer.error.message).toContain(NORTHLIGHT.username);
    const { store } = await getServices();
    expect(await store.listAccounts()).toEqual([]);
  });

  it('stores it as a connected account, its token encrypted in the sqlite file', async () => {
    const stored = await jsonOf<{ account: { userId: string; username: string } }>(
      await post('/api/instagram/token/store-environment', { account: NORTHLIGHT.userId }),
      201,
    );
    expect(stored.account).toEqual(NORTHLIGHT);
    const { store } = await getServices();
    const [account] = await store.listAccounts();
    expect(account).toMatchObject({
      ...NORTHLIGHT,
      token: emulator.demoToken,
      tokenExpiresAt: null,
    });
    const status = await jsonOf<{ accounts: Status[]; environment: { usedForSync: boolean } }>(
      await get('/api/instagram/token/status'),
      200,
    );
    expect(status.accounts).toEqual([expect.objectContaining({ ...NORTHLIGHT, source: 'store' })]);
    expect(status.environment.usedForSync).toBe(false);
    const files = await stateFiles();
    expect(files.length).toBeGreaterThan(0);
    expect(files.includes(Buffer.from(emulator.demoToken)), 'no token bytes in the file').toBe(
      false,
    );
  });
});
