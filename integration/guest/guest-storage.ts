import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createS3Client, s3Body, type S3GuestOptions } from './s3-source.ts';

export interface StoredFile {
  name: string;
  size: number;
  lastModified: Date;
}

/**
 * Read and write access to the guest-photo layout (`<event_id>/…`), on disk or in a bucket.
 * Keys are relative to the guest-photo root, e.g. "2026-12-05/pending/ab12.jpg".
 */
export interface GuestStorage {
  readonly kind: 'local' | 's3';
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | undefined>;
  size(key: string): Promise<number | undefined>;
  remove(key: string): Promise<void>;
  /** Local: a rename. S3: copy, then delete, so a crash in between leaves a duplicate, never a loss. */
  move(from: string, to: string): Promise<void>;
  /** The files directly in a folder ("<event_id>/pending"). */
  list(folder: string): Promise<StoredFile[]>;
  /** S3 only: a URL a browser PUTs exactly `bytes` bytes of `contentType` to, at `key`. */
  presignPut?(
    key: string,
    bytes: number,
    contentType: string,
    expiresInSeconds: number,
  ): Promise<string>;
}

export function localGuestStorage(root: string, dir: string): GuestStorage {
  const base = path.resolve(root, dir);
  const file = (key: string) => path.join(base, ...safeKey(key).split('/'));
  return {
    kind: 'local',
    // Written beside the target, then renamed over it: a reader (the build, another instance)
    // sees the old file or the new one, never part of one. The temporary name is unique, so two
    // writers never write into one temporary file; `list` skips `.part` files.
    async put(key, bytes) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      const part = `${target}.${randomBytes(6).toString('hex')}.part`;
      try {
        await writeFile(part, bytes);
        await rename(part, target);
      } catch (error) {
        await rm(part, { force: true });
        throw error;
      }
    },
    get: (key) => readFile(file(key)).catch(ifMissing(undefined)),
    size: async (key) => (await stat(file(key)).catch(ifMissing(undefined)))?.size,
    remove: (key) => rm(file(key), { force: true }),
    async move(from, to) {
      await mkdir(path.dirname(file(to)), { recursive: true });
      await rename(file(from), file(to));
      const now = new Date();
      await utimes(file(to), now, now); // the retention of rejected photos counts from here
    },
    async list(folder) {
      const names = await readdir(file(folder)).catch(ifMissing([] as string[]));
      const files = await Promise.all(
        names
          .filter((name) => !name.endsWith('.part'))
          .map(async (name) => {
            const info = await stat(path.join(file(folder), name));
            return info.isFile() ? { name, size: info.size, lastModified: info.mtime } : undefined;
          }),
      );
      return files.filter((entry) => entry !== undefined);
    },
  };
}

export function s3GuestStorage(
  options: S3GuestOptions,
  client: S3Client = createS3Client(options),
): GuestStorage {
  const prefix = options.prefix ? options.prefix.replace(/^\/+/, '').replace(/\/?$/, '/') : '';
  const Bucket = options.bucket;
  const Key = (key: string) => `${prefix}${safeKey(key)}`;
  return {
    kind: 's3',
    async put(key, bytes, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket, Key: Key(key), Body: bytes, ContentType: contentType }),
      );
    },
    async get(key) {
      const out = await client
        .send(new GetObjectCommand({ Bucket, Key: Key(key) }))
        .catch(ifNoSuchKey(undefined));
      return out ? s3Body(out, Key(key)).transformToByteArray() : undefined;
    },
    async size(key) {
      const out = await client
        .send(new HeadObjectCommand({ Bucket, Key: Key(key) }))
        .catch(ifNoSuchKey(undefined));
      return out?.ContentLength;
    },
    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: Key(key) }));
    },
    async move(from, to) {
      const source = `${Bucket}/${Key(from)}`.split('/').map(encodeURIComponent).join('/');
      await client.send(new CopyObjectCommand({ Bucket, Key: Key(to), CopySource: source }));
      await client.send(new DeleteObjectCommand({ Bucket, Key: Key(from) }));
    },
    async list(folder) {
      const start = `${Key(folder)}/`;
      const files: StoredFile[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: start, ContinuationToken: token }),
        );
        for (const item of page.Contents ?? []) {
          if (item.Key === undefined) continue;
          const name = item.Key.slice(start.length);
          if (!name.includes('/'))
            files.push({
              name,
              size: item.Size ?? 0,
              lastModified: item.LastModified ?? new Date(0),
            });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return files;
    },
    presignPut(key, bytes, contentType, expiresIn) {
      // ContentLength and ContentType become signed headers: a PUT of another size or type,
      // or to another key, does not match the signature.
      const command = new PutObjectCommand({
        Bucket,
        Key: Key(key),
        ContentLength: bytes,
        ContentType: contentType,
      });
      return getSignedUrl(client, command, {
        expiresIn,
        signableHeaders: new Set(['content-length', 'content-type']),
      });
    },
  };
}

/** Keys are built by the server from checked parts; this refuses anything that could leave the root. */
function safeKey(key: string): string {
  if (
    !/^[a-z0-9][a-z0-9-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(key) ||
    key.split('/').includes('..')
  )
    throw new Error(`Invalid guest-photo key "${key}"`);
  return key;
}

const ifMissing =
  <T>(value: T) =>
  (error: NodeJS.ErrnoException): T => {
    if (error.code === 'ENOENT') return value;
    throw error;
  };

const ifNoSuchKey =
  <T>(value: T) =>
  (error: { name?: string; $metadata?: { httpStatusCode?: number } }): T => {
    if (
      error instanceof NoSuchKey ||
      error.name === 'NoSuchKey' ||
      error.name === 'NotFound' ||
      error.$metadata?.httpStatusCode === 404
    )
      return value;
    throw error;
  };
