// A real S3-compatible server (s3rver) on a free loopback port with one empty bucket, for the
// cluster test and bench: the guest photos, their moderation files, the publish media and the
// staff uploads that every instance reads.
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createS3Client, type S3GuestOptions } from '../integration/guest/index.ts';

/** s3rver's fixed keys. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3Bucket {
  /** The guest photo options of this bucket (what S3_* and AWS_* configure). */
  options: S3GuestOptions & { bucket: string; endpoint: string };
  /** The environment that points a server or a build at this bucket. */
  env: Record<string, string>;
  client: ReturnType<typeof createS3Client>;
  /** Uploads the files of a local folder under `<eventId>/`. */
  uploadFolder(folder: string, eventId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startS3Bucket(bucket = 'guest-photos'): Promise<S3Bucket> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'ais-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  atomicObjects((server as unknown as { store: FilesystemStore }).store);
  let port: number;
  try {
    ({ port } = (await server.run()) as AddressInfo);
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const options = {
    bucket,
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: CREDENTIALS,
  };
  // A copy of the keys: the SDK marks the credentials object it is given ($source), which the
  // option schema would then refuse when these options are passed on.
  const client = createS3Client({ ...options, credentials: { ...CREDENTIALS } });
  return {
    options,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: options.endpoint,
      S3_REGION: options.region,
      S3_FORCE_PATH_STYLE: '1',
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    },
    client,
    async uploadFolder(folder, eventId) {
      for (const name of await readdir(folder)) {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: `${eventId}/${name}`,
            Body: await readFile(path.join(folder, name)),
          }),
        );
      }
    },
    async close() {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** The part of s3rver's file store (lib/stores/filesystem.js) that `atomicObjects` changes. */
interface FilesystemStore {
  getResourcePath(bucket: string, key: string, resource: string): string;
  putMetadata(bucket: string, key: string, metadata: unknown, md5: string): Promise<void>;
  putObject(object: StoredObject): Promise<{ size: number; md5: string }>;
  getObject(bucket: string, key: string, options?: unknown): Promise<{ content?: unknown } | null>;
  copyObject(
    from: string,
    fromKey: string,
    to: string,
    toKey: string,
    ...rest: unknown[]
  ): Promise<unknown>;
  deleteObject(bucket: string, key: string): Promise<unknown>;
}

interface StoredObject {
  bucket: string;
  key: string;
  metadata: unknown;
  content: Buffer | Readable;
}

/**
 * S3 replaces an object atomically, and a read after a write sees it. s3rver writes an object's
 * file in place and answers the PUT before its bytes are on disk, so a GET at the same time (or
 * just after) can read half a file: a cluster test would report a lost moderation entry or a
 * broken publish image that S3 would never cause. Here operations on one key take turns (a GET
 * keeps its turn until its body is read), and a PUT writes a temporary file, waits until it is
 * on disk and renames it.
 */
function atomicObjects(store: FilesystemStore): void {
  const turns = new Map<string, Promise<void>>();
  const turnOf = async (...ids: string[]): Promise<() => void> => {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Keys in a fixed order: a copy takes two, and two copies must not wait for each other.
    const sorted = [...new Set(ids)].sort();
    const before = sorted.map((id) => turns.get(id) ?? Promise.resolve());
    for (const id of sorted) turns.set(id, mine);
    await Promise.all(before);
    return () => {
      for (const id of sorted) if (turns.get(id) === mine) turns.delete(id);
      release();
    };
  };
  const id = (bucket: string, key: string) => `${bucket}/${key}`;
  const original = {
    getObject: store.getObject.bind(store),
    copyObject: store.copyObject.bind(store),
    deleteObject: store.deleteObject.bind(store),
  };
  store.putObject = async (object) => {
    const done = await turnOf(id(object.bucket, object.key));
    try {
      const target = store.getResourcePath(object.bucket, object.key, 'object');
      await mkdir(path.dirname(target), { recursive: true });
      const temp = `${target}.${randomUUID()}.tmp`;
      const md5 = createHash('md5');
      let size = 0;
      const source = Buffer.isBuffer(object.content)
        ? Readable.from([object.content])
        : object.content;
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            md5.update(chunk);
            size += chunk.length;
            yield chunk;
          }
        },
        createWriteStream(temp),
      );
      await rename(temp, target);
      const digest = md5.digest('hex');
      await store.putMetadata(object.bucket, object.key, object.metadata, digest);
      return { size, md5: digest };
    } finally {
      done();
    }
  };
  store.getObject = async (bucket, key, options) => {
    const done = await turnOf(id(bucket, key));
    try {
      const object = await original.getObject(bucket, key, options);
      const body = object?.content;
      if (body instanceof Readable) {
        // The turn ends with the body (or after a minute, should nobody read it).
        const timer = setTimeout(done, 60_000);
        body.once('close', () => {
          clearTimeout(timer);
          done();
        });
      } else done();
      return object;
    } catch (error) {
      done();
      throw error;
    }
  };
  store.copyObject = async (from, fromKey, to, toKey, ...rest) => {
    const done = await turnOf(id(from, fromKey), id(to, toKey));
    try {
      return await original.copyObject(from, fromKey, to, toKey, ...rest);
    } finally {
      done();
    }
  };
  store.deleteObject = async (bucket, key) => {
    const done = await turnOf(id(bucket, key));
    try {
      return await original.deleteObject(bucket, key);
    } finally {
      done();
    }
  };
}
