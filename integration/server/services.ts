import { createHmac } from 'node:crypto';
import path from 'node:path';
import sharp from 'sharp';
import {
  loadTokenKeys,
  openStateStore,
  processLeases,
  TokenCipher,
  type Leases,
  type StateStore,
} from '../store/index.ts';
import { TokenService, TokenWriteBack } from '../tokens/index.ts';
import type { Dispatcher } from 'undici';
import type { GraphClient } from '../graph/index.ts';
import { AnalyticsService } from '../analytics/index.ts';
import { DebouncedRebuild, deployHookFor } from '../rebuild/index.ts';
import { galleryEffects, WebhookProcessor } from '../webhooks/index.ts';
import {
  graphMediaReader,
  graphTagsSource,
  mentionedMediaReader,
  pollTaggedPosts,
  readerPerFlavour,
  TaggedIntake,
} from '../tagged/index.ts';
import { loadEvents } from '../events/events.ts';
import { DEFAULT_RETRY_SCHEDULE, OutgoingWebhooks } from '../outgoing/index.ts';
import { emitPublishOutcome } from './outgoing-events.ts';
import type { PublishQueue, PublishService, UploadStaging } from '../publish/index.ts';
import { publishingFor } from './publishing.ts';
import type { InstagramAccounts } from './instagram-accounts.ts';
import { readServerConfig, type ServerConfig } from './config.ts';
import { processEnv, type Env } from '../shared/env.ts';
import { LoginLimiter } from './login-limiter.ts';
import { guestServicesFor } from './guest-services.ts';
import type { GuestUploads, PendingStore } from '../guest/index.ts';
import type { GalleryEvent } from '../events/event-file.ts';
import { newInstanceId } from '../shared/instance-id.ts';
import { serverLog } from '../shared/log.ts';
import { resolveOptions, type ResolvedOptions } from '../options.ts';

/** Everything a request handler needs, built once per process. */
export interface Services {
  /** The site's options: those of astro.config in Astro's runtime (see getServices). */
  options: ResolvedOptions;
  config: ServerConfig;
  store: StateStore;
  /** This process's named leases in the store: what must run once across instances takes one. */
  leases: Leases;
  tokens: TokenService;
  /** Writes a refreshed token where the builds read it (IG_TOKEN_WRITE_BACK), when set. */
  tokenWriteBack?: TokenWriteBack;
  loginLimiter: LoginLimiter;
  /** Key for signing OAuth `state` values; derived from the token key, never stored. */
  stateKey: Buffer;
  /** Key for signing private galleries' links and grants; derived from the token key, never stored. */
  privateKey: Buffer;
  /** Key for the signed media URLs Instagram fetches, and the folder those files wait in. */
  mediaKey: Buffer;
  mediaDir: string;
  publishQueue: PublishQueue;
  publisher: PublishService;
  /** Files staff upload to publish, kept for a day. */
  uploads: UploadStaging;
  /** A Graph client with the token of an account in use (`accounts`); undefined for any other. */
  clientFor: (accountId: string) => Promise<GraphClient | undefined>;
  /** The one Graph connection pool the clients of `clientFor` share. */
  graphAgent: Dispatcher;
  /**
   * The accounts in use, in the builds' order: those connected in the store, else the account of
   * IG_ACCESS_TOKEN. `clientFor`, analytics and publishing take theirs from here.
   */
  accounts: InstagramAccounts;
  analytics: AnalyticsService;
  /** Rebuilds the static site after approvals and relevant webhooks (DEPLOY_HOOK_URL). */
  rebuild: DebouncedRebuild;
  /** Signed webhooks to other systems (/admin/webhooks): an outbox in the store. */
  outgoing: OutgoingWebhooks;
  /** Runs the effects of stored webhook events after the endpoint answered. */
  webhookProcessor: WebhookProcessor;
  /** One look at the `/tags` of every Facebook Login account in use: new posts become candidates. */
  pollTags: () => ReturnType<typeof pollTaggedPosts>;
  /** Guest photos by moderation state (pending/, rejected/, approved). */
  guestPhotos: PendingStore;
  guestUploads: GuestUploads;
  /** The events of the site (the `eventsDir` option), read afresh. */
  guestEvents: () => Promise<GalleryEvent[]>;
  /** Deletes rejected guest photos past their retention (run daily by the background work). */
  purgeRejectedPhotos: () => Promise<void>;
}

// The start script (scripts/serve.ts) and the bundled server code are two copies of this
// module in one process; the registry on globalThis makes them share one set of services.
/** Each look at `/tags` reads a week back: a post tagged late still finds its event. */
const TAGS_LOOKBACK_MS = 7 * 86_400_000;
const REGISTRY = Symbol.for('astro-instagram-sync.services');
const OPTIONS = Symbol.for('astro-instagram-sync.options');
type Registry = { [REGISTRY]?: Promise<Services>; [OPTIONS]?: ResolvedOptions };

/**
 * The process's services, created on the first call with `options`: the site's resolved options.
 * In Astro's runtime the integration's middleware passes those of astro.config before any route
 * asks; scripts and the CLI, outside Astro, pass the options they resolved themselves. Options
 * once given are kept for a later attempt (after a failed start); with none ever given (tests),
 * the defaults with `env` filling them.
 */
export function getServices(env: Env = processEnv(), options?: ResolvedOptions): Promise<Services> {
  const registry = globalThis as Registry;
  if (options) registry[OPTIONS] ??= options;
  const siteOptions = registry[OPTIONS] ?? resolveOptions({}, env);
  registry[REGISTRY] ??= createServices(env, siteOptions).catch((error: unknown) => {
    delete registry[REGISTRY];
    throw error;
  });
  return registry[REGISTRY];
}

/** Forgets the process's services (tests, and after closing the store). */
export async function resetServices(): Promise<void> {
  const registry = globalThis as Registry;
  const services = await registry[REGISTRY]?.catch(() => undefined);
  delete registry[REGISTRY];
  delete registry[OPTIONS];
  await services?.webhookProcessor.whenIdle(); // a drain scheduled at start may still read the store
  services?.outgoing.stop();
  await services?.outgoing.whenIdle();
  await services?.store.close();
  await services?.graphAgent.close();
}

async function createServices(env: Env, options: ResolvedOptions): Promise<Services> {
  // The server makes many small previews of different photos: libvips' operation cache would
  // only hold memory, and one thread per image keeps fewer malloc arenas growing (measured by
  // `npm run fuzz`: about 40 MB less resident memory after its run).
  sharp.cache(false);
  sharp.concurrency(1);
  const config: ServerConfig = {
    ...readServerConfig(env),
    graphBase: options.instagram.graphBase,
    facebookGraphBase: options.instagram.facebookGraphBase,
  };
  const keys = loadTokenKeys(env); // throws a StoreConfigError saying how to make a key
  // PostgreSQL when DATABASE_URL is set, else the sqlite file at STATE_DB_PATH.
  const store = await openStateStore(env, TokenCipher.fromKeys(keys));
  // Finishes a key rotation by itself; an account it cannot read stays as it is (reconnect it).
  await store.reencryptTokens().catch((error: Error) => serverLog.warn(error.message));
  // This process, in the store's leases and its claims on publish jobs and webhook events.
  const instanceId = newInstanceId();
  const leases = processLeases(store, undefined, instanceId);
  const outgoing = new OutgoingWebhooks({
    store,
    instanceId,
    retry: { ...DEFAULT_RETRY_SCHEDULE, firstDelayMs: config.outgoingFirstRetryMs },
  });
  const tokens = new TokenService({
    store,
    leases,
    graphBase: config.graphBase,
    leadDays: config.leadDays,
    onRefreshed: (refreshed) =>
      void outgoing.emit(
        'account.token_refreshed',
        refreshed,
        `${refreshed.userId}:${refreshed.refreshedAt}`,
      ),
  });
  const derive = (purpose: string) =>
    createHmac('sha256', keys.current).update(`astro-instagram-sync ${purpose}`).digest();
  const dataDir = path.dirname(path.resolve(config.stateDbPath));
  const mediaDir = path.join(dataDir, 'publish-media');
  const mediaKey = derive('media urls');
  const { publishQueue, publisher, uploads, clientFor, graphAgent, accounts } = publishingFor({
    config,
    store,
    env,
    options,
    mediaDir,
    mediaKey,
    uploadDir: path.join(dataDir, 'uploads'),
    instanceId,
  });
  publishQueue.onUpdate((job) => emitPublishOutcome(outgoing, job));
  const analytics = new AnalyticsService({
    clientFor,
    loginFlavourOf: async (id) => (await accounts.connectionFor(id))?.loginFlavour,
    defaultAccount: async () => (await accounts.inUse())[0]?.account.userId,
    settings: config.analytics,
  });
  const rebuild = await DebouncedRebuild.open({
    hook: deployHookFor(config.rebuild),
    store,
    leases,
    ...config.rebuild,
    onRequest: (request) =>
      void outgoing.emit('build.requested', { reason: request.reason, requestedAt: request.at }),
  });
  const usernameOf = async (accountId: string) =>
    (await accounts.list()).find((account) => account.userId === accountId)?.username;
  const flavourOf = async (accountId: string) =>
    (await accounts.connectionFor(accountId))?.loginFlavour;
  const tagged = new TaggedIntake({
    store,
    events: () => loadEvents(process.cwd(), options.eventsDir, options.window),
    reader: readerPerFlavour(flavourOf, {
      instagram: graphMediaReader(clientFor, usernameOf),
      facebook: mentionedMediaReader(clientFor, usernameOf),
    }),
    usernameOf,
  });
  const pollTags = () =>
    pollTaggedPosts({
      intake: tagged,
      source: graphTagsSource(clientFor),
      accounts: async () => {
        const ids = (await accounts.list()).map((account) => account.userId);
        const flavours = await Promise.all(ids.map(flavourOf));
        return ids.filter((_, index) => flavours[index] === 'facebook');
      },
      lookbackMs: TAGS_LOOKBACK_MS,
    });
  const gallery = galleryEffects({ store, rebuild, rebuildFields: config.webhookRebuildFields });
  const webhookProcessor = new WebhookProcessor({
    store,
    // A mention is also a comment: both effects run, and both are recorded; a mention that
    // fails (Graph down) does not cost the comment its rebuild.
    process: async (event) => {
      const effect = await gallery(event);
      const mention = await tagged
        .fromWebhook(event)
        .catch((error: Error) => `tagged: failed: ${error.message}`);
      return mention ? `${effect}; ${mention}` : effect;
    },
    instanceId,
  });
  webhookProcessor.schedule(); // events stored before a restart but not yet processed
  outgoing.schedule(); // deliveries due since before a restart
  return {
    options,
    config,
    store,
    leases,
    tokens,
    ...(config.tokenWriteBack && {
      tokenWriteBack: new TokenWriteBack({ target: config.tokenWriteBack, store }),
    }),
    loginLimiter: new LoginLimiter(store),
    stateKey: derive('oauth state'),
    privateKey: derive('private gallery links'),
    mediaKey,
    mediaDir,
    publishQueue,
    publisher,
    uploads,
    clientFor,
    graphAgent,
    accounts,
    analytics,
    rebuild,
    outgoing,
    webhookProcessor,
    pollTags,
    ...guestServicesFor(
      config,
      options,
      store,
      process.cwd(),
      leases,
      (upload) =>
        void outgoing.emit(
          'upload.pending',
          { ...upload, review: '/admin/moderation' },
          `${upload.eventId}/${upload.name}`,
        ),
    ),
  };
}
