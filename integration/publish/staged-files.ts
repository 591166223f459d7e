import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/** One stored file: its name and when it was written (ms). */
export interface StagedFileInfo {
  name: string;
  modifiedAt: number;
}

/**
 * Where staff uploads wait to be published: a folder of this server, or a bucket that every
 * instance of a cluster reads, so an upload sent to one instance can be published through another.
 * Names are chosen by the server (`<uuid>`, `<uuid>.json`), never by a request.
 */
export interface StagedFiles {
  /** For messages: the folder or `s3://bucket/prefix`. */
  readonly description: string;
  put(name: string, bytes: Uint8Array): Promise<void>;
  get(name: string): Promise<Uint8Array | undefined>;
  list(): Promise<StagedFileInfo[]>;
  remove(name: string): Promise<void>;
}

/** Files in a local folder, each written to a temporary name and renamed, so a reader never sees half of one. */
export function localStagedFiles(dir: string): StagedFiles {
  const file = (name: string) => path.join(dir, name);
  return {
    description: dir,
    async put(name, bytes) {
      await mkdir(dir, { recursive: true });
      const temp = file(`${name}.${randomUUID()}.tmp`);
      await writeFile(temp, bytes);
      await rename(temp, file(name));
    },
    get: (name) => readFile(file(name)).catch(ifMissing(undefined)),
    async list() {
      const names = await readdir(dir).catch(ifMissing([] as string[]));
      const files = await Promise.all(
        names
          .filter((name) => !name.endsWith('.part') && !name.endsWith('.tmp'))
          .map(async (name) => {
            const info = await stat(file(name)).catch(ifMissing(undefined));
            return info?.isFile() ? { name, modifiedAt: info.mtimeMs } : undefined;
          }),
      );
      return files.filter((entry) => entry !== undefined);
    },
    remove: (name) => rm(file(name), { force: true }),
  };
}

/** The same files as objects under `prefix` in a bucket (the guest photos' bucket, `publish/uploads/`). */
export function s3StagedFiles(options: {
  client: S3Client;
  bucket: string;
  prefix: string;
}): StagedFiles {
  const { client, bucket: Bucket, prefix } = options;
  const Key = (name: string) => `${prefix}${name}`;
  return {
    description: `s3://${Bucket}/${prefix}`,
    async put(name, bytes) {
      await client.send(new PutObjectCommand({ Bucket, Key: Key(name), Body: bytes }));
    },
    async get(name) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: Key(name) }));
        return await out.Body?.transformToByteArray();
      } catch (error) {
        if (isNoSuchKey(error)) return undefined;
        throw error;
      }
    },
    async list() {
      const files: StagedFileInfo[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const item of page.Contents ?? []) {
          const name = item.Key?.slice(prefix.length);
          if (name && !name.includes('/'))
            files.push({ name, modifiedAt: item.LastModified?.getTime() ?? 0 });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return files;
    },
    async remove(name) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: Key(name) }));
    },
  };
}

const ifMissing =
  <T>(value: T) =>
  (error: NodeJS.ErrnoException): T => {
    if (error.code === 'ENOENT') return value;
    throw error;
  };

function isNoSuchKey(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return error instanceof NoSuchKey || name === 'NoSuchKey' || $metadata?.httpStatusCode === 404;
}
