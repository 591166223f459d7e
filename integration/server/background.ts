import { startRefreshSchedule } from './refresh-schedule.ts';
import { startTagsPollSchedule } from './tags-poll-schedule.ts';
import type { Services } from './services.ts';
import { serverLog } from '../shared/log.ts';
import { WEBHOOK_SWEEP_MS } from '../webhooks/index.ts';
import { DELIVERY_LOG_DAYS, OUTGOING_SWEEP_MS } from '../outgoing/index.ts';
import { emitExpiringTokens } from './outgoing-events.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
// Shared by every copy of this module in the process (a start script and the bundled server).
const STARTED = Symbol.for('astro-instagram-sync.background');
type Flag = { [STARTED]?: boolean };

/**
 * Starts the running server's background work, once per process: the daily token check (which
 * one instance of those sharing the store runs), the daily purge of rejected guest photos, the
 * hourly deletion of expired upload tickets, sessions and rate-limit hits from the state store,
 * taking over the publish jobs whose lease lapsed (a restart, or another instance that died: at
 * start, then every `takeoverScanMs`), draining webhook events another instance claimed
 * before it died (every `WEBHOOK_SWEEP_MS`), sending due outgoing webhooks (every
 * `OUTGOING_SWEEP_MS`), storing `account.token_expiring` for tokens that expire within 7 days
 * (hourly; once per token) and deleting outgoing deliveries older than `DELIVERY_LOG_DAYS`, and
 * reading Facebook Login accounts' tagged posts (every TAGS_POLL_MINUTES; one instance per period).
 * Call it only once the server listens: Instagram fetches a resumed job's media from it. The
 * integration's middleware calls it on the first on-demand request of a production server; a
 * start script may call it as soon as its server listens. Returns what stops it (tests).
 */
export function startBackgroundWork(services: Services, log = serverLog.info): () => void {
  const flag = globalThis as Flag;
  if (flag[STARTED]) return () => {};
  flag[STARTED] = true;
  // Started in every instance; the check itself runs in one instance per day (a store lease).
  const stopRefresh = startRefreshSchedule({
    tokens: services.tokens,
    leases: services.leases,
    ...(services.tokenWriteBack && { writeBack: services.tokenWriteBack }),
    log,
  });
  // Facebook Login accounts' tagged posts: one instance per period reads `/tags` (a store lease).
  const stopTags = services.config.tagsPollMs
    ? startTagsPollSchedule({
        poll: services.pollTags,
        leases: services.leases,
        log,
        everyMs: services.config.tagsPollMs,
      })
    : () => {};
  const purge = () =>
    void services
      .purgeRejectedPhotos()
      .catch((error: Error) =>
        serverLog.warn(`purging rejected guest photos failed: ${error.message}`),
      );
  purge();
  const daily = setInterval(purge, DAY_MS);
  daily.unref();
  // Every instance may do it: deleting what has expired twice deletes nothing more.
  const pruneExpired = () => {
    void services.store
      .pruneExpired(new Date().toISOString())
      .catch((error: Error) =>
        serverLog.warn(`deleting expired tickets, sessions and limits failed: ${error.message}`),
      );
    void services.store
      .pruneOutgoingDeliveries(new Date(Date.now() - DELIVERY_LOG_DAYS * DAY_MS).toISOString())
      .catch((error: Error) =>
        serverLog.warn(`deleting old webhook deliveries failed: ${error.message}`),
      );
  };
  pruneExpired();
  const hourly = setInterval(pruneExpired, HOUR_MS);
  hourly.unref();
  // Each job also waits until its media URLs answer before Instagram is asked to fetch them.
  const takeOver = () =>
    void services.publishQueue
      .resumeUnfinished()
      .catch((error: Error) => serverLog.error(`cannot resume publish jobs: ${error.message}`));
  takeOver();
  const takeover = setInterval(takeOver, services.publishQueue.takeoverScanMs);
  takeover.unref();
  const sweep = setInterval(() => services.webhookProcessor.schedule(), WEBHOOK_SWEEP_MS);
  sweep.unref();
  // Outgoing webhooks: retries whose wait is over, and messages stored by another instance.
  const outgoingSweep = setInterval(() => services.outgoing.schedule(), OUTGOING_SWEEP_MS);
  outgoingSweep.unref();
  const expiring = () =>
    void emitExpiringTokens(services.store, services.outgoing).catch((error: Error) =>
      serverLog.warn(`checking for expiring tokens failed: ${error.message}`),
    );
  expiring();
  const hourlyExpiring = setInterval(expiring, HOUR_MS);
  hourlyExpiring.unref();
  return () => {
    stopRefresh();
    stopTags();
    clearInterval(daily);
    clearInterval(hourly);
    clearInterval(takeover);
    clearInterval(sweep);
    clearInterval(outgoingSweep);
    clearInterval(hourlyExpiring);
    delete flag[STARTED];
  };
}
