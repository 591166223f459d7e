import { fileURLToPath } from 'node:url';
import type { AstroConfig, SessionDriverConfig } from 'astro';
import { sessionDrivers } from 'astro/config';
import type { StoreSessionDriverOptions } from './store-session-driver.ts';

// `.ts` in the source tree, `.js` in the published package (lib/).
const DRIVER_ENTRYPOINT = new URL(
  `./session-driver.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

/**
 * The Astro session driver on the server's state store, for `session.driver` in astro.config
 * (as `sessionDrivers.*` give one): every server instance on the same store shares the sessions.
 * The integration sets it by itself (see sessionOnStateStore); name it to use it where it
 * would not, e.g. with an adapter that brings a default driver of its own.
 */
export function stateStoreSessionDriver(
  options: StoreSessionDriverOptions = {},
): SessionDriverConfig {
  // A file path, not the package name: Astro resolves the entrypoint from its own folder.
  return { entrypoint: fileURLToPath(DRIVER_ENTRYPOINT), config: { ...options } };
}

/**
 * The session settings with the state-store driver, or undefined to leave them as they are.
 * The driver is set when sessions are on and the site names no driver; the Node adapter, which
 * runs before integrations, has then put its default there (files in one machine's cache
 * folder), which is replaced too. A driver the site chose is kept, and `session: false` too.
 * The cookie and ttl stay as the site set them; the ttl is also how long the store keeps a session.
 */
export function sessionOnStateStore(
  config: Pick<AstroConfig, 'session' | 'cacheDir'>,
): AstroConfig['session'] | undefined {
  const { session } = config;
  if (session === false) return undefined;
  if (session?.driver && !isNodeAdapterDefault(session.driver, config.cacheDir)) return undefined;
  const { driver: _replaced, options: _unused, ...rest } = session ?? {};
  return {
    ...rest,
    driver: stateStoreSessionDriver(session?.ttl === undefined ? {} : { ttlSeconds: session.ttl }),
  };
}

// What @astrojs/node sets when the site names no driver: `sessionDrivers.fsLite` in <cacheDir>/sessions.
function isNodeAdapterDefault(
  driver: NonNullable<Exclude<AstroConfig['session'], false>>['driver'],
  cacheDir: URL,
): boolean {
  return (
    typeof driver === 'object' &&
    driver.entrypoint === sessionDrivers.fsLite().entrypoint &&
    driver.config?.base === fileURLToPath(new URL('sessions', cacheDir))
  );
}
