import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  ListObjectsV2Command,
  NoSuchKey,
  S3Client,
} from '@aws-sdk/client-s3';
import { IMAGE_FILE, MODERATION_FILE, type GuestObject, type GuestPhotoSource } from './types.ts';

export interface S3GuestOptions {
  bucket: string;
  /** Key prefix before `<event_id>/`, e.g. "guest-photos/". */
  prefix?: string;
  /** Any S3-compatible endpoint (MinIO, R2, s3rver); AWS when absent. */
  endpoint?: string;
  region?: string;
  forcePathStyle?: boolean;
  /** Falls back to the SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profiles…). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function createS3Client(options: S3GuestOptions): S3Client {
  return new S3Client({
    region: options.region ?? 'us-east-1',
    ...(options.endpoint && { endpoint: options.endpoint }),
    forcePathStyle: options.forcePathStyle ?? false,
    ...(options.credentials && { credentials: options.credentials }),
    // Several S3-compatible servers store a streamed body with the SDK's default trailing
    // checksum corrupted; checksums only when the operation requires them works everywhere.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Guest photos in an S3 bucket: `<prefix><event_id>/<file>`, the same layout as the local folder. */
export function s3GuestSource(
  options: S3GuestOptions,
  client: S3Client = createS3Client(options),
): GuestPhotoSource {
  const prefix = normalizePrefix(options.prefix);
  const keyOf = (eventId: string, name: string) => `${prefix}${eventId}/${name}`;

  async function readText(key: string): Promise<string | undefined> {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
      return await s3Body(out, key).transformToString('utf8');
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
        return undefined;
      throw error;
    }
  }

  return {
    description: `s3://${options.bucket}/${prefix}`,
    async listEvent(eventId) {
      const objects: GuestObject[] = [];
      let hasModeration = false;
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: options.bucket,
            Prefix: keyOf(eventId, ''),
            ContinuationToken: token,
          }),
        );
        for (const item of page.Contents ?? []) {
          if (item.Key === undefined) continue;
          const name = item.Key.slice(keyOf(eventId, '').length);
          if (name.includes('/')) continue;
          if (name === MODERATION_FILE) hasModeration = true;
          else if (IMAGE_FILE.test(name)) {
            objects.push({
              name,
              size: item.Size ?? 0,
              uploadedAt: item.LastModified ?? new Date(0),
              version: item.ETag ?? `${item.Size}-${item.LastModified?.getTime()}`,
            });
          }
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      const moderation = hasModeration
        ? await readText(keyOf(eventId, MODERATION_FILE))
        : undefined;
      return { objects: objects.sort((a, b) => a.name.localeCompare(b.name)), moderation };
    },
    async read(eventId, name) {
      const key = keyOf(eventId, name);
      const out = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: key }));
      return s3Body(out, key).transformToByteArray();
    },
  };
}

function normalizePrefix(prefix = ''): string {
  const trimmed = prefix.replace(/^\/+/, '');
  return trimmed === '' || trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/** The body of a GetObject answer: S3 always sends one, so its absence is the server's fault. */
export function s3Body(
  out: GetObjectCommandOutput,
  key: string,
): NonNullable<GetObjectCommandOutput['Body']> {
  if (!out.Body) throw new Error(`S3 answered GetObject ${key} without a body.`);
  return out.Body;
}
