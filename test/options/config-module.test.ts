import { describe, expect, it } from 'vitest';
import { CONFIG_MODULE_ID, configModulePlugin } from '../../integration/config-module.ts';

/** Evaluates the module source the plugin serves, as Vite would import it. */
async function importServed(source: string): Promise<unknown> {
  const url = `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
  return ((await import(url)) as { default: unknown }).default;
}

describe('virtual:astro-instagram-sync/config', () => {
  const options = {
    eventsDir: 'site/events',
    window: { before: '2h', after: '1d' },
    guestPhotos: { source: 'local' as const, dir: 'site/guests' },
    instagram: { graphBase: 'http://127.0.0.1:9/v26.0' },
    server: true,
  };

  it('resolves its id to a private one and serves the options set in astro.config', async () => {
    const plugin = configModulePlugin(options);
    const resolved = plugin.resolveId(CONFIG_MODULE_ID);
    expect(resolved).toBe(`\0${CONFIG_MODULE_ID}`);
    const source = plugin.load(resolved as string);
    expect(await importServed(source as string)).toEqual(options);
  });

  it('leaves every other module to Vite', () => {
    const plugin = configModulePlugin(options);
    expect(plugin.resolveId('astro:middleware')).toBeUndefined();
    expect(plugin.resolveId('./config.ts')).toBeUndefined();
    expect(plugin.load(CONFIG_MODULE_ID)).toBeUndefined();
    expect(plugin.load('/src/pages/index.astro')).toBeUndefined();
  });

  it('writes only what the config sets: nothing from the build environment', async () => {
    const previous = process.env.IG_ACCESS_TOKEN;
    process.env.IG_ACCESS_TOKEN = 'build-secret-token';
    try {
      const plugin = configModulePlugin({ server: true });
      const source = plugin.load(`\0${CONFIG_MODULE_ID}`) as string;
      expect(source).not.toContain('build-secret-token');
      expect(await importServed(source)).toEqual({ server: true });
    } finally {
      if (previous === undefined) delete process.env.IG_ACCESS_TOKEN;
      else process.env.IG_ACCESS_TOKEN = previous;
    }
  });
});
