import { createGraphAgent, GraphClient } from '../graph/index.ts';
import { createS3Client, guestPhotoStatus, guestSourceFor } from '../guest/index.ts';
import type { ResolvedOptions } from '../options.ts';
import {
  isPrivateEvent,
  jobLeaseOf,
  localMediaHost,
  PublishQueue,
  PublishService,
  s3MediaHost,
  s3StagedFiles,
  sourceResolver,
  UploadStaging,
  waitForMediaUrls,
  type GuestApproval,
  type MediaHost,
} from '../publish/index.ts';
import type { StateStore } from '../store/index.ts';
import type { ServerConfig } from './config.ts';
import { InstagramAccounts } from './instagram-accounts.ts';
import type { Env } from '../shared/env.ts';
import { serverLog } from '../shared/log.ts';

/** The publish queue and service of the running server, wired to its store and settings. */
export function publishingFor(deps: {
  config: ServerConfig;
  store: StateStore;
  env: Env;
  options: ResolvedOptions;
  mediaDir: string;
  mediaKey: Buffer;
  uploadDir: string;
  /** This process's name in the store's publish-job leases. */
  instanceId: string;
}) {
  const { config, store } = deps;
  // One pool for every client: routes make a client per request, and one pool each would leak.
  const graphAgent = createGraphAgent();
  // The accounts in the builds' order: the stored ones, else the one of IG_ACCESS_TOKEN.
  const accounts = new InstagramAccounts({
    store,
    graphBase: config.graphBase,
    facebookGraphBase: config.facebookGraphBase,
    dispatcher: graphAgent,
    ...(deps.options.instagram.accessToken && {
      environmentToken: deps.options.instagram.accessToken,
    }),
  });
  const clientFor = async (accountId: string): Promise<GraphClient | undefined> => {
    const connection = await accounts.connectionFor(accountId);
    if (connection === undefined) return undefined;
    return new GraphClient({
      baseUrl: connection.graphBase,
      accessToken: connection.token,
      maxRetries: 2,
      dispatcher: graphAgent,
    });
  };
  const guests = guestSourceFor(deps.options.guestPhotos, process.cwd());
  const host = mediaHostFor(deps);
  // One answer to "is this guest photo approved now", for the request and the running job alike.
  const guestApproval: GuestApproval = (eventId, name) => guestPhotoStatus(guests, eventId, name);
  const publishQueue = new PublishQueue({
    store,
    clientFor,
    guestApproval,
    waitForMedia: (urls) => waitForMediaUrls(urls),
    ...(host && { renewMediaUrl: (url: string) => host.renew(url) }),
    runner: { processingTimeoutMs: config.videoProcessingTimeoutMs },
    log: serverLog.info,
    instanceId: deps.instanceId,
    lease: jobLeaseOf(config.publishLeaseMs),
  });
  const uploads = uploadStagingFor(deps);
  const resolveSource = sourceResolver({ guests, uploads, clientFor });
  const publisher = new PublishService({
    store,
    isConnected: async (accountId) => (await accounts.tokenFor(accountId)) !== undefined,
    queue: publishQueue,
    host,
    resolveSource,
    guestApproval,
    isPrivateEvent: (eventId) => isPrivateEvent(deps.options, eventId),
  });
  return { publishQueue, publisher, uploads, clientFor, graphAgent, accounts };
}

/**
 * Staff uploads wait where the publish media waits: in the guest photos' bucket when it is S3
 * (`<prefix>publish/uploads/`), so every instance of a cluster reads an upload any of them took;
 * else in the local folder. The bytes arrive in the local folder either way, to be checked.
 */
function uploadStagingFor({
  options,
  uploadDir,
}: {
  options: ResolvedOptions;
  uploadDir: string;
}): UploadStaging {
  const guests = options.guestPhotos;
  if (guests.source !== 's3') return new UploadStaging({ dir: uploadDir });
  const files = s3StagedFiles({
    client: createS3Client(guests),
    bucket: guests.bucket,
    prefix: `${folderOf(guests.prefix)}publish/uploads/`,
  });
  return new UploadStaging({ dir: uploadDir, files });
}

/** S3 when guest photos live there (presigned URLs), else this server under PUBLIC_BASE_URL; none without either. */
function mediaHostFor({
  env,
  options,
  mediaDir,
  mediaKey,
  config,
}: {
  env: Env;
  options: ResolvedOptions;
  mediaDir: string;
  mediaKey: Buffer;
  config: ServerConfig;
}): MediaHost | undefined {
  if (options.guestPhotos.source === 's3') {
    return s3MediaHost({
      client: createS3Client(options.guestPhotos),
      bucket: options.guestPhotos.bucket,
      prefix: `${folderOf(options.guestPhotos.prefix)}publish/`,
    });
  }
  if (!env.PUBLIC_BASE_URL) return undefined;
  return localMediaHost({ dir: mediaDir, publicBaseUrl: config.publicBaseUrl, key: mediaKey });
}

/** The guest photos' key prefix as a folder: "" or ending in "/" (S3_PREFIX may be given without it). */
function folderOf(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}
