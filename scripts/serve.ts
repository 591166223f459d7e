// `npm start`: checks the server's configuration, starts the daily token check, then serves
// the built site (dist/) with the Node adapter behind our own HTTP server, which adds the
// headers of dist/client/_headers (the embed pages' frame-ancestors). A missing or bad
// IG_TOKEN_ENCRYPTION_KEY stops here, with the command that makes one, instead of failing on
// the first admin request.
import { startRefreshSchedule } from '../integration/server/refresh-schedule.ts';
import { getServices } from '../integration/server/services.ts';
import { startSiteServer } from '../integration/server/site-server.ts';

try {
  const { tokens, config, publishQueue } = await getServices();
  startRefreshSchedule(tokens, (line) => console.log(`[astro-instagram-sync] ${line}`));
  await publishQueue.resumeUnfinished(); // a restart continues publishing where it stopped
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
