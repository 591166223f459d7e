import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../integration/options.ts';
import { guestSource, publishableEvents } from '../../integration/publish/index.ts';
import { readServerConfig } from '../../integration/server/config.ts';
import { guestServicesFor } from '../../integration/server/guest-services.ts';
import { getServices, resetServices } from '../../integration/server/services.ts';
import { openSqliteStore } from '../../integration/store/index.ts';
import { cipherWith, KEY_A } from '../store/store-fixtures.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';

const CONFIG_BASE = 'http://config.invalid/v26.0';
const ENV_BASE = 'http://env.invalid/v26.0';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ais-options-'));
  await mkdir(path.join(dir, 'site/my-events'), { recursive: true });
  await writeFile(
    path.join(dir, 'site/my-events/gala.yaml'),
    'title: Gala\ntimezone: UTC\nstart: 2026-05-01T20:00\nend: 2026-05-01T23:00\n',
  );
});
afterEach(async () => {
  await resetServices();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({
  IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
  STATE_DB_PATH: path.join(dir, 'state.db'),
  INSTAGRAM_GRAPH_BASE: ENV_BASE,
});
const siteOptions = {
  eventsDir: 'site/my-events',
  window: { before: '2h', after: '1d' },
  guestPhotos: { source: 'local' as const, dir: 'site/guests' },
};

describe('the services read the site options, not the environment', () => {
  it('take the Graph API base of the options over INSTAGRAM_GRAPH_BASE', async () => {
    const options = resolveOptions({ instagram: { graphBase: CONFIG_BASE } }, env());
    const services = await getServices(env(), options);
    expect(services.config.graphBase).toBe(CONFIG_BASE);
    expect(services.options).toBe(options);
  });

  it('let the environment fill a Graph API base the config leaves unset', async () => {
    const services = await getServices(env(), resolveOptions({}, env()));
    expect(services.config.graphBase).toBe(ENV_BASE);
  });

  it('keep the options first given for a later call without any', async () => {
    const options = resolveOptions({ instagram: { graphBase: CONFIG_BASE } }, env());
    await getServices(env(), options);
    expect((await getServices()).options).toBe(options);
  });

  it('no longer read the Graph API base in the server settings', () => {
    expect(readServerConfig(env())).not.toHaveProperty('graphBase');
  });

  it('list the events of eventsDir with the configured window, for guests and for publishing', async () => {
    const options = resolveOptions(siteOptions, {});
    const config = {
      ...readServerConfig({}),
      graphBase: CONFIG_BASE,
      facebookGraphBase: 'https://graph.facebook.com/v26.0',
    };
    const stateStore = await openSqliteStore({
      path: path.join(dir, 'state.db'),
      cipher: cipherWith(KEY_A),
    });
    const { guestEvents } = guestServicesFor(config, options, stateStore, dir);
    await stateStore.close();
    const [event] = await guestEvents();
    expect(event?.id).toBe('gala');
    expect(event?.window).toMatchObject({
      fromUtc: '2026-05-01T18:00:00.000Z',
      toUtc: '2026-05-02T23:00:00.000Z',
    });
    expect(await publishableEvents(options, dir)).toEqual([event]);
    expect(guestSource(options, dir).description).toContain('site/guests');
  });

  it('offer no private event for publishing: its photos were shared with its guests only', async () => {
    await writeFile(
      path.join(dir, 'site/my-events/wedding.yaml'),
      'title: Wedding\ntimezone: UTC\nstart: 2026-06-01T14:00\nend: 2026-06-01T23:00\nvisibility: private\n',
    );
    const options = resolveOptions(siteOptions, {});
    expect((await publishableEvents(options, dir)).map((event) => event.id)).toEqual(['gala']);
  });
});
