// `astro-instagram-sync/session-driver`: the Astro session driver on the server's state store
// (the sqlite file, or PostgreSQL when DATABASE_URL is set). The integration configures it when
// `server: true`; see session-config.ts. Astro imports this module in the server bundle and calls
// its default export once with the driver's options.
import { processEnv } from '../shared/env.ts';
import { getServices } from './services.ts';
import { siteOptions } from './site-options.ts';
import { sessionDriverOnStore, type StoreSessionDriverOptions } from './store-session-driver.ts';

/**
 * The store is the one of the process's services, opened from the environment when the first
 * session is read, not from the build's: a session driver's options are written into the bundle.
 */
export default function storeSessionDriver(options?: StoreSessionDriverOptions) {
  return sessionDriverOnStore(
    async () => (await getServices(processEnv(), siteOptions())).store,
    options,
  );
}
