import { fileURLToPath } from 'node:url';
import node from '@astrojs/node';
import type { AstroConfig, AstroIntegration } from 'astro';
import { mergeConfig, sessionDrivers, validateConfig } from 'astro/config';
import { describe, expect, it } from 'vitest';
import instagramSync, { stateStoreSessionDriver } from '../../integration/index.ts';
import type { InstagramSyncOptions } from '../../integration/options.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DRIVER_FILE = fileURLToPath(
  new URL('../../integration/server/session-driver.ts', import.meta.url),
);
const COOKIE = { name: 'ais_admin', sameSite: 'lax', secure: true, path: '/' } as const;

/**
 * The config after `astro:config:setup`, as Astro runs it: the site's config validated, then the
 * adapter's hook first, then the integrations', each update merged with Astro's mergeConfig.
 */
async function configAfterSetup(
  userConfig: Record<string, unknown>,
  options: InstagramSyncOptions = { server: true },
): Promise<AstroConfig> {
  let config = await validateConfig(
    { site: 'https://photos.example.com', ...userConfig },
    ROOT,
    'build',
  );
  const integrations: AstroIntegration[] = [node({ mode: 'standalone' }), instagramSync(options)];
  for (const integration of integrations) {
    await integration.hooks['astro:config:setup']?.({
      config,
      command: 'build',
      isRestart: false,
      logger: { info() {}, warn() {}, debug() {}, error() {} },
      updateConfig: (update: Partial<AstroConfig>) => {
        config = mergeConfig(config, update) as AstroConfig;
        return config;
      },
      injectRoute() {},
      addMiddleware() {},
    } as never);
  }
  return config;
}

describe('with server: true, the integration keeps Astro sessions in the state store', () => {
  it("in place of the Node adapter's files, with the site's cookie and ttl", async () => {
    const config = await configAfterSetup({ session: { cookie: COOKIE, ttl: 43_200 } });
    expect(config.session).toEqual({
      cookie: COOKIE,
      ttl: 43_200,
      driver: { entrypoint: DRIVER_FILE, config: { ttlSeconds: 43_200 } },
    });
  });

  it('when the site says nothing of sessions, with the driver default ttl', async () => {
    const config = await configAfterSetup({});
    expect(config.session).toEqual({ driver: { entrypoint: DRIVER_FILE, config: {} } });
  });

  it('but keeps a driver the site chose, and sessions turned off', async () => {
    const redis = sessionDrivers.redis({ url: 'redis://cache:6379' });
    expect(
      (await configAfterSetup({ session: { driver: redis, cookie: COOKIE } })).session,
    ).toEqual({ driver: redis, cookie: COOKIE });
    expect((await configAfterSetup({ session: false })).session).toBe(false);
  });

  it('and leaves the adapter its default without server: true', async () => {
    const config = await configAfterSetup({}, { server: false });
    expect(config.session).toMatchObject({
      driver: { entrypoint: sessionDrivers.fsLite().entrypoint },
    });
  });

  it('whose driver a site may also name itself', () => {
    expect(stateStoreSessionDriver({ ttlSeconds: 600 })).toEqual({
      entrypoint: DRIVER_FILE,
      config: { ttlSeconds: 600 },
    });
  });
});
