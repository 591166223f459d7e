import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { secretsEqual } from '../shared/secrets-equal.ts';

/**
 * Where prepared media waits for Instagram to fetch it. Instagram only takes a public URL, so
 * every URL handed to it is ours: a presigned S3 URL, or this server's own signed, expiring one.
 */
export interface MediaHost {
  /** Stores the bytes and returns the URL Instagram may fetch them from for the next hour. */
  put(bytes: Uint8Array, contentType: 'image/jpeg' | 'video/mp4'): Promise<string>;
  /**
   * A URL for the next hour to the same file as a URL `put` returned (a retried job may be
   * older than the hour); the URL unchanged when it is not one of this host's.
   */
  renew(url: string): Promise<string>;
}

export const MEDIA_ROUTE = '/api/media/';
const URL_TTL_SECONDS = 3600;
const EXTENSIONS = { 'image/jpeg': 'jpg', 'video/mp4': 'mp4' } as const;

const fileName = (bytes: Uint8Array, contentType: keyof typeof EXTENSIONS) =>
  `${createHash('sha256').update(bytes).digest('hex')}.${EXTENSIONS[contentType]}`;

/** Files in a local folder, served by `GET /api/media/<file>?exp=…&sig=…` on PUBLIC_BASE_URL. */
export function localMediaHost(options: {
  dir: string;
  publicBaseUrl: string;
  key: Buffer;
  now?: () => number;
}): MediaHost {
  const signedUrl = (name: string) => {
    const expires = Math.floor((options.now?.() ?? Date.now()) / 1000) + URL_TTL_SECONDS;
    return `${options.publicBaseUrl}${MEDIA_ROUTE}${name}?exp=${expires}&sig=${signature(options.key, name, expires)}`;
  };
  return {
    async renew(url) {
      const name = servedName(url);
      return name ? signedUrl(name) : url;
    },
    async put(bytes, contentType) {
      const name = fileName(bytes, contentType);
      await mkdir(options.dir, { recursive: true });
      const target = path.join(options.dir, name);
      // Two requests may stage the same bytes at once: each writes its own temp file, and the
      // renames replace the file with identical content.
      const temp = `${target}.${randomUUID()}.tmp`;
      await writeFile(temp, bytes);
      await rename(temp, target);
      return signedUrl(name);
    },
  };
}

/** The same file layout in a bucket, fetched through presigned GET URLs. */
export function s3MediaHost(options: {
  client: S3Client;
  bucket: string;
  prefix?: string;
}): MediaHost {
  const presigned = (key: string) =>
    getSignedUrl(options.client, new GetObjectCommand({ Bucket: options.bucket, Key: key }), {
      expiresIn: URL_TTL_SECONDS,
    });
  return {
    async renew(url) {
      const name = servedName(url);
      return name ? presigned(`${options.prefix ?? 'publish/'}${name}`) : url;
    },
    async put(bytes, contentType) {
      const key = `${options.prefix ?? 'publish/'}${fileName(bytes, contentType)}`;
      await options.client.send(
        new PutObjectCommand({
          Bucket: options.bucket,
          Key: key,
          Body: bytes,
          ContentType: contentType,
        }),
      );
      return presigned(key);
    },
  };
}

/** The file name a media URL of ours ends in (`<sha256>.jpg|mp4`), if it is one. */
function servedName(url: string): string | undefined {
  let last: string;
  try {
    last = new URL(url).pathname.split('/').pop() ?? '';
  } catch {
    return undefined;
  }
  return SERVED_FILE.test(last) ? last : undefined;
}

function signature(key: Buffer, name: string, expires: number): string {
  return createHmac('sha256', key).update(`${name}\n${expires}`).digest('base64url');
}

const SERVED_FILE = /^[0-9a-f]{64}\.(jpg|mp4)$/;

/** Reads a file for `GET /api/media/<file>` when its signature holds and has not expired. */
export async function readSignedMedia(
  options: { dir: string; key: Buffer; now?: () => number },
  name: string,
  expires: string | null,
  sig: string | null,
): Promise<{ bytes: Uint8Array; contentType: string } | 'forbidden' | 'expired' | 'not_found'> {
  if (!SERVED_FILE.test(name) || !expires || !/^\d+$/.test(expires) || !sig) return 'forbidden';
  if (!secretsEqual(sig, signature(options.key, name, Number(expires)))) return 'forbidden';
  if (Number(expires) * 1000 < (options.now?.() ?? Date.now())) return 'expired';
  try {
    const bytes = await readFile(path.join(options.dir, name));
    return { bytes, contentType: name.endsWith('.jpg') ? 'image/jpeg' : 'video/mp4' };
  } catch {
    return 'not_found';
  }
}
