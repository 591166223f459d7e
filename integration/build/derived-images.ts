import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { createS3Client, type S3GuestOptions } from '../guest/index.ts';

/**
 * Where encoded images outlive the machine that made them. Astro names each encoded file by the
 * source's content hash and the transform (`<name>.<content hash>_<transform hash>.<format>` in
 * its cache, `node_modules/.astro/assets/`), so a file of that name is that encode, wherever it
 * was made.
 */
export interface DerivedImages {
  description: string;
  list(): Promise<Set<string>>;
  read(name: string): Promise<Uint8Array>;
  write(name: string, bytes: Uint8Array): Promise<void>;
}

// Astro's cache holds a `.json` note beside each remote image; ours are all local files.
const ENCODED = /^[^/]+\.(avif|webp|jpe?g|png|gif)$/;

/** The store for the guest photo setting: their bucket, or else `<dataDir>/derived/`. */
export function derivedImagesFor(
  guestPhotos: { source: 'local' } | ({ source: 's3' } & S3GuestOptions),
  dataDir: string,
): DerivedImages {
  return guestPhotos.source === 's3'
    ? s3DerivedImages(guestPhotos)
    : localDerivedImages(path.join(dataDir, 'derived'));
}

/** A folder. */
export function localDerivedImages(dir: string): DerivedImages {
  return {
    description: dir,
    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      return new Set(names.filter((name) => ENCODED.test(name)));
    },
    read: (name) => readFile(path.join(dir, name)),
    // Whole or not at all: builds on other machines (or beside this one) may share the folder
    // and read a file while it is being written. The temporary name never matches ENCODED.
    async write(name, bytes) {
      await mkdir(dir, { recursive: true });
      const partial = path.join(dir, `.${name}.${randomUUID()}.partial`);
      await writeFile(partial, bytes);
      await rename(partial, path.join(dir, name));
    },
  };
}

/** The guest photo bucket, under `<prefix>derived/`. */
export function s3DerivedImages(
  options: S3GuestOptions,
  client: S3Client = createS3Client(options),
): DerivedImages {
  const prefix = `${options.prefix ?? ''}derived/`;
  return {
    description: `s3://${options.bucket}/${prefix}`,
    async list() {
      const names = new Set<string>();
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: options.bucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        );
        for (const item of page.Contents ?? []) {
          const name = item.Key?.slice(prefix.length);
          if (name && ENCODED.test(name)) names.add(name);
        }
        token = page.NextContinuationToken;
      } while (token);
      return names;
    },
    async read(name) {
      const out = await client.send(
        new GetObjectCommand({ Bucket: options.bucket, Key: `${prefix}${name}` }),
      );
      if (!out.Body) throw new Error(`s3://${options.bucket}/${prefix}${name} has no body`);
      return out.Body.transformToByteArray();
    },
    async write(name, bytes) {
      await client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: `${prefix}${name}`,
          Body: bytes,
          ContentType: `image/${path.extname(name).slice(1).replace('jpg', 'jpeg')}`,
        }),
      );
    },
  };
}

/** Copies into Astro's image cache folder every encoded image the store has and it lacks. */
export async function pullDerived(store: DerivedImages, cacheDir: string): Promise<number> {
  const [stored, local] = await Promise.all([store.list(), localNames(cacheDir)]);
  const missing = [...stored].filter((name) => !local.has(name));
  await mkdir(cacheDir, { recursive: true });
  const limit = pLimit(8);
  await Promise.all(
    missing.map((name) =>
      limit(async () => writeFile(path.join(cacheDir, name), await store.read(name))),
    ),
  );
  return missing.length;
}

/** Copies into the store every encoded image of Astro's cache folder that it lacks. */
export async function pushDerived(store: DerivedImages, cacheDir: string): Promise<number> {
  const [stored, local] = await Promise.all([store.list(), localNames(cacheDir)]);
  const fresh = [...local].filter((name) => !stored.has(name));
  const limit = pLimit(8);
  await Promise.all(
    fresh.map((name) =>
      limit(async () => store.write(name, await readFile(path.join(cacheDir, name)))),
    ),
  );
  return fresh.length;
}

async function localNames(dir: string): Promise<Set<string>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return new Set(names.filter((name) => ENCODED.test(name)));
}
