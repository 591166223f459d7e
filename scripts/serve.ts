// `npm start`: checks the server's configuration, then serves the built site (dist/) with the
// Node adapter behind our own HTTP server, which adds the headers of dist/client/_headers (the
// embed pages' frame-ancestors), and starts the background work (daily token check, purge of
// rejected guest photos, unfinished publish jobs) once it listens. A missing or bad
// IG_TOKEN_ENCRYPTION_KEY stops here, with the command that makes one, instead of failing on the
// first admin request. The services get the options astro.config.mjs gives the integration.
import { resolveOptions } from '../integration/options.ts';
import { startBackgroundWork } from '../integration/server/background.ts';
import { getServices } from '../integration/server/services.ts';
import { startSiteServer } from '../integration/server/site-server.ts';
import syncOptions from '../instagram-sync.config.ts';

let services: Awaited<ReturnType<typeof getServices>>;
try {
  services = await getServices(process.env, resolveOptions(syncOptions, process.env));
  const { config } = services;
  console.log(
    `[astro-instagram-sync] state in ${config.stateDbPath}; tokens refreshed when ${config.leadDays} days or fewer are left`,
  );
} catch (error) {
  console.error(`[astro-instagram-sync] cannot start: ${(error as Error).message}`);
  process.exit(1);
}
try {
  await startSiteServer(
    new URL('../dist/server/entry.mjs', import.meta.url),
    new URL('../dist/client/', import.meta.url),
  );
} catch (error) {
  console.error(`[astro-instagram-sync] cannot serve the site: ${(error as Error).message}`);
  process.exit(1);
}
// A restart continues publishing where it stopped, now that this server listens: Instagram
// fetches the jobs' media from it (each job also waits until its media URLs answer).
startBackgroundWork(services);
