// Everything a cluster of the reference site runs on, for the cluster test and bench: one build
// of a site copy (guest photos in S3), the Instagram emulator, a throwaway PostgreSQL, an s3rver
// bucket and a deploy-hook receiver, with the emulator's demo account connected in the store.
// `startInstances(n)` then starts n `npm start` instances on them behind a round-robin proxy.
// `stop()` releases all of it, also in the middle of starting.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../integration/emulator/index.ts';
import { hashPassword } from '../integration/server/password.ts';
import { openPostgresStore, TokenCipher, type StateStore } from '../integration/store/index.ts';
import { startCluster, type Cluster } from './cluster.ts';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';
import { startRequestRecorder, type RequestRecorder } from './request-recorder.ts';
import { startS3Bucket, type S3Bucket } from './s3-bucket.ts';
import { astroBuild, copySite, ROOT } from './site-copy.ts';

/** Test settings, not secrets: the key is 32 bytes of 0x2a. */
const TOKEN_KEY = Buffer.alloc(32, 0x2a);
export const ADMIN_PASSWORD = 'cluster-admin-password-123';
export const ADMIN_API_TOKEN = 'cluster-admin-api-token';
/** The emulator's demo app, whose secret signs webhook deliveries. */
export const APP_ID = '990000000000001';
export const APP_SECRET = 'emulator-app-secret';
export const VERIFY_TOKEN = 'cluster-verify-token';
/** An event of the site copy that takes guest uploads whatever the date. */
export const UPLOAD_EVENT = 'cluster-open-uploads';
const DAY_MS = 86_400_000;

export interface ClusterSite {
  /** The site copy: code, content and the build in dist/. */
  root: string;
  emulator: RunningEmulator;
  postgres: PostgresCluster;
  s3: S3Bucket;
  /** DEPLOY_HOOK_URL of every instance. */
  hook: RequestRecorder;
  /** The connected account (the emulator's demo account). */
  accountId: string;
  /** The state store every instance uses, opened in this process. */
  store: StateStore;
  /** Starts n instances on the shared parts; the site's `stop()` stops them too. */
  startInstances(count: number, env?: Record<string, string>): Promise<Cluster>;
}

export interface ClusterSiteOptions {
  /**
   * The demo's events and their guest photos (in S3) built into the copy: what the bench serves.
   * Without them (the cluster test, which reads no gallery) the copy has the upload event alone,
   * and its build encodes next to nothing. Default true.
   */
  galleries?: boolean;
  /** Added to every instance's environment. */
  env?: Record<string, string>;
  /** Build output is passed here (progress for a bench). */
  log?: (line: string) => void;
}

/** A cluster site on its way up: `stop()` releases everything, whether or not `ready` resolved. */
export interface StartingClusterSite {
  ready: Promise<ClusterSite>;
  stop(): Promise<void>;
}

/**
 * Builds the site copy and starts the shared parts. `stop()` may be called at any time (a test
 * runner's hook timing out in the middle of the build): it kills the build, and stops and
 * removes whatever was started.
 */
export function startClusterSite(options: ClusterSiteOptions = {}): StartingClusterSite {
  const abort = new AbortController();
  const cleanups: (() => Promise<unknown>)[] = [];
  const release = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  // Each part is released with the rest, or at once when it came up after a stop.
  const started = async <T extends object>(part: T, cleanup: (part: T) => Promise<unknown>) => {
    if (abort.signal.aborted) {
      await cleanup(part).catch(() => undefined);
      throw new Error('the cluster site was stopped while starting');
    }
    cleanups.push(() => cleanup(part));
    return part;
  };
  const ready = (async (): Promise<ClusterSite> => {
    try {
      const s3 = await started(await startS3Bucket('cluster-guest-photos'), (b) => b.close());
      const galleries = options.galleries ?? true;
      const content = galleries ? path.join(ROOT, 'content') : await emptyContent();
      const site = await started(await copySite(content), (c) => c.remove());
      if (!galleries) await rm(content, { recursive: true, force: true });
      await writeFile(
        path.join(site.root, 'content/events', `${UPLOAD_EVENT}.yaml`),
        [
          'title: Cluster test (uploads always open)',
          'timezone: UTC',
          'start: 2026-01-10T10:00',
          'end: 2026-01-10T18:00',
          'uploads:',
          '  enabled: true',
          '',
        ].join('\n'),
      );
      if (galleries)
        for (const event of ['2026-04-29', '2026-06-20-summer-festival'])
          await s3.uploadFolder(path.join(ROOT, 'content/guest-photos', event), event);
      options.log?.('building the site copy (guest photos from S3)…');
      const build = await astroBuild(
        site.root,
        { STATE_DB_PATH: path.join(site.root, '.data/never-created.db'), ...s3.env },
        { signal: abort.signal },
      );
      if (build.code !== 0) throw new Error(`the build failed:\n${build.output}`);
      options.log?.(`built in ${Math.round(build.ms / 1000)} s`);

      const emulator = await started(await startEmulator(), (e) => e.close());
      const postgres = await started(await startPostgresCluster(), (p) => p.stop());
      const hook = await started(await startRequestRecorder(), (h) => h.close());
      const store = await started(
        await openPostgresStore({
          url: postgres.url,
          cipher: TokenCipher.fromKeys({ current: TOKEN_KEY, old: [] }),
        }),
        (s) => s.close(),
      );
      await connectDemoAccount(store, emulator);

      const env: Record<string, string> = {
        DATABASE_URL: postgres.url,
        ...s3.env,
        INSTAGRAM_AUTHORIZE_URL: `${emulator.origin}/oauth/authorize`,
        INSTAGRAM_TOKEN_URL: `${emulator.origin}/oauth/access_token`,
        INSTAGRAM_APP_ID: APP_ID,
        INSTAGRAM_APP_SECRET: APP_SECRET,
        INSTAGRAM_VERIFY_TOKEN: VERIFY_TOKEN,
        IG_TOKEN_ENCRYPTION_KEY: TOKEN_KEY.toString('base64'),
        IG_ACCESS_TOKEN: '',
        ADMIN_PASSWORD_HASH: await hashPassword(ADMIN_PASSWORD),
        ADMIN_API_TOKEN,
        // Every request of a test comes from 127.0.0.1: one address, far more uploads than a guest's.
        GUEST_UPLOADS_PER_HOUR: '100000',
        DEPLOY_HOOK_URL: hook.url,
        // Long enough that a burst on a busy machine stays one burst.
        DEPLOY_HOOK_QUIET_SECONDS: '10',
        ...options.env,
      };
      return {
        root: site.root,
        emulator,
        postgres,
        s3,
        hook,
        accountId: emulator.userId,
        store,
        async startInstances(count, extra = {}) {
          const cluster = await startCluster({
            root: site.root,
            instances: count,
            env: { ...env, ...extra },
            graphOrigin: emulator.origin,
          });
          return started(cluster, (c) => c.stop());
        },
      };
    } catch (error) {
      await release();
      throw error;
    }
  })();
  return {
    ready,
    async stop() {
      abort.abort();
      await ready.catch(() => undefined);
      await release();
    },
  };
}

/**
 * The demo account with a long-lived token the emulator issued 30 days ago: refreshable (older
 * than 24 hours) and not yet due (30 days left), so only an explicit refresh calls Instagram.
 */
async function connectDemoAccount(store: StateStore, emulator: RunningEmulator): Promise<void> {
  const issuedAt = emulator.control.now() - 30 * DAY_MS;
  const token = emulator.control.issueToken({ kind: 'long', issuedAt });
  await store.saveAccount({
    userId: emulator.userId,
    username: 'northlight.events',
    scopes: [
      'instagram_business_basic',
      'instagram_business_content_publish',
      'instagram_business_manage_insights',
    ],
    token,
    tokenIssuedAt: new Date(issuedAt).toISOString(),
    tokenExpiresAt: new Date(issuedAt + 60 * DAY_MS).toISOString(),
    refreshedAt: null,
    connectedAt: new Date(issuedAt).toISOString(),
    source: 'cli',
  });
}

/** A content folder with no event and no guest photo yet. */
async function emptyContent(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ais-cluster-content-'));
  await mkdir(path.join(dir, 'events'));
  await mkdir(path.join(dir, 'guest-photos'));
  return dir;
}
