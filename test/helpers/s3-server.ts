import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createS3Client, type S3GuestOptions } from '../../integration/guest/index.ts';
import { startSignatureFront } from './s3-signature-front.ts';

export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** A real S3-compatible server (s3rver) on a random port with one empty bucket. */
/** CORS rules letting pages of `origins` PUT to the bucket (presigned guest uploads from a browser). */
function corsFor(origins: string[]): string {
  const allowed = origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('');
  return `<CORSConfiguration><CORSRule>${allowed}<AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><MaxAgeSeconds>300</MaxAgeSeconds></CORSRule></CORSConfiguration>`;
}

export interface StartS3Options {
  /**
   * Put a front before s3rver that verifies the V4 signature of presigned (query-string auth) requests
   * as S3 does (s3rver checks only their expiry and access key): a URL reused for another key, or sent
   * with other signed headers (size, type), gets 403 SignatureDoesNotMatch and reaches nothing.
   * `options.endpoint` is then the front, so presigned URLs point at it.
   */
  checkSignatures?: boolean;
}

export async function startS3(
  bucket = 'guest-photos',
  corsOrigins: string[] = [],
  { checkSignatures = false }: StartS3Options = {},
) {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'ais-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [
      { name: bucket, configs: corsOrigins.length > 0 ? [corsFor(corsOrigins)] : [] },
    ],
  });
  const { port: s3rverPort } = (await server.run()) as AddressInfo;
  const front = checkSignatures
    ? await startSignatureFront(s3rverPort, S3_CREDENTIALS, corsOrigins)
    : undefined;
  const port = front?.port ?? s3rverPort;
  const options: S3GuestOptions = {
    bucket,
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
  };
  const client = createS3Client(options);
  return {
    options,
    client,
    /** Uploads every file of a local event folder under `<prefix><eventId>/`. */
    async uploadFolder(folder: string, eventId: string, prefix = '') {
      for (const name of await readdir(folder)) {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: `${prefix}${eventId}/${name}`,
            Body: await readFile(path.join(folder, name)),
          }),
        );
      }
    },
    async close() {
      client.destroy();
      await front?.close();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
