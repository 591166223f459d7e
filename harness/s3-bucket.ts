// A real S3-compatible server (s3rver) on a free loopback port with one empty bucket, for the
// cluster test and bench: the guest photos, their moderation files, the publish media and the
// staff uploads that every instance reads.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
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
  const client = createS3Client(options);
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
