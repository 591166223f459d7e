import path from 'node:path';
import { GraphClient } from '../graph/index.ts';
import { guestSourceFor } from '../guest/index.ts';
import { resolveOptions } from '../options.ts';
import { localMediaHost, PublishQueue, PublishService, s3MediaHost, type MediaHost, type ResolvedSource } from '../publish/index.ts';
import { PublishInputError, type PublishRequest } from '../publish/prepare/index.ts';
import type { StateStore } from '../store/index.ts';
import { createS3Client } from '../guest/index.ts';
import type { ServerConfig } from './config.ts';

type Env = Record<string, string | undefined>;

/** The publish queue and service of the running server, wired to its store and settings. */
export function publishingFor(deps: { config: ServerConfig; store: StateStore; env: Env; mediaDir: string; mediaKey: Buffer }) {
  const { config, store } = deps;
  const publishQueue = new PublishQueue({
    store,
    clientFor: async (accountId) => {
      const account = await store.getAccount(accountId);
      return account && new GraphClient({ baseUrl: config.graphBase, accessToken: account.token, maxRetries: 2 });
    },
    log: (line) => console.log(`[astro-instagram-sync] ${line}`),
  });
  const publisher = new PublishService({ store, queue: publishQueue, host: mediaHostFor(deps), resolveSource: sourceResolver(deps.env) });
  return { publishQueue, publisher };
}

/** S3 when guest photos live there (presigned URLs), else this server under PUBLIC_BASE_URL; none without either. */
function mediaHostFor({ env, mediaDir, mediaKey, config }: { env: Env; mediaDir: string; mediaKey: Buffer; config: ServerConfig }): MediaHost | undefined {
  const options = resolveOptions({}, env);
  if (options.guestPhotos.source === 's3') {
    return s3MediaHost({ client: createS3Client(options.guestPhotos), bucket: options.guestPhotos.bucket, prefix: `${options.guestPhotos.prefix}publish/` });
  }
  if (!env.PUBLIC_BASE_URL) return undefined;
  return localMediaHost({ dir: mediaDir, publicBaseUrl: config.publicBaseUrl, key: mediaKey });
}

const VIDEO_FILE = /\.(mp4|mov)$/i;

function sourceResolver(env: Env) {
  const options = resolveOptions({}, env);
  const guests = guestSourceFor(options.guestPhotos, process.cwd());
  return async (source: PublishRequest['items'][number]['source']): Promise<ResolvedSource> => {
    if (source.type !== 'guest') {
      throw new PublishInputError('invalid_request', `Sources of type "${source.type}" cannot be published yet: pick approved guest photos.`, { field: 'items' });
    }
    const eventId = String(source.eventId);
    const name = path.basename(String(source.name));
    const bytes = await guests.read(eventId, name).catch(() => {
      throw new PublishInputError('invalid_request', `There is no guest photo ${eventId}/${name}.`, { field: 'items' });
    });
    return { bytes, name, mediaType: VIDEO_FILE.test(name) ? 'video' : 'image' };
  };
}
