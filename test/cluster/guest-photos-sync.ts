import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { LoaderContext } from 'astro/loaders';
import type { S3GuestOptions } from '../../integration/guest/index.ts';
import { guestPhotosLoader } from '../../integration/sync/index.ts';

/**
 * The guest-photo part of the next build: the site's own content loader (what `astro build`
 * runs for the `guestPhotos` collection) on the site copy, reading the same bucket as the
 * servers, with a small in-memory context. Returns the entry ids (`<event>/<file>`).
 */
export async function syncGuestPhotos(root: string, s3: S3GuestOptions): Promise<string[]> {
  const entries = new Map<string, unknown>();
  const silent = () => {};
  const context = {
    collection: 'guestPhotos',
    config: { root: pathToFileURL(`${root}/`) },
    store: {
      keys: () => [...entries.keys()],
      delete: (id: string) => void entries.delete(id),
      set: (entry: { id: string }) => {
        entries.set(entry.id, entry);
        return true;
      },
    },
    logger: { info: silent, warn: silent, error: silent, debug: silent },
    parseData: async ({ data }: { data: unknown }) => data,
    generateDigest: (data: unknown) =>
      createHash('sha256').update(JSON.stringify(data)).digest('hex'),
  } as unknown as LoaderContext;
  const { credentials, ...bucket } = s3;
  const guestPhotos = {
    source: 's3' as const,
    ...bucket,
    ...(credentials && {
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
      },
    }),
  };
  await guestPhotosLoader({ guestPhotos }).load(context);
  return [...entries.keys()];
}
