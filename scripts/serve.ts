// `npm start`: checks the server's configuration, starts the daily token check, then serves
// the built site (dist/) with the Node adapter behind our own HTTP server, which adds the
// headers of dist/client/_headers (the embed pages' frame-ancestors), and resumes unfinished
// publish jobs once it listens. A missing or bad IG_TOKEN_ENCRYPTION_KEY stops here, with the
// command that makes one, instead of failing on the first admin request.
import { startRefreshSchedule } from '../integration/server/refresh-schedule.ts';
import { getServices } from '../integration/server/services.ts';
import { startSiteServer } from '../integration/server/site-server.ts';

let services: Awaited<ReturnType<typeof getServices>>;
try {
  services = await getServices();
  const { tokens, config } = services;
  startRefreshSchedule(tokens, (line) => console.log(`[astro-instagram-sync] ${line}`));
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
// A restart continues publishing where it stopped, once this server listens: Instagram fetches
// the jobs' media from it (each job also waits until its media URLs answer).
await services.publishQueue
  .resumeUnfinished()
  .catch((error: Error) =>
    console.error(`[astro-instagram-sync] cannot resume publish jobs: ${error.message}`),
  );
