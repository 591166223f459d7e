import path from 'node:path';
import { getMedia, GraphError, type GraphClient } from '../graph/index.ts';
import type { GuestPhotoSource } from '../guest/index.ts';
import { downloadMedia } from '../media/download.ts';
import { PublishInputError, VIDEO_LIMITS, type PublishRequest } from './prepare/index.ts';
import type { ResolvedSource } from './publish-service.ts';
import type { UploadStaging } from './upload-staging.ts';

type Source = PublishRequest['items'][number]['source'];

export interface SourceResolverDeps {
  guests: GuestPhotoSource;
  uploads: UploadStaging;
  /** A Graph client for a connected account (Instagram sources are read through it). */
  clientFor: (accountId: string) => Promise<GraphClient | undefined>;
}

const VIDEO_FILE = /\.(mp4|mov)$/i;

/** Reads the bytes of what a publish request names: an approved guest photo, a staff upload, or one of the account's own posts. */
export function sourceResolver(deps: SourceResolverDeps) {
  return (source: Source, accountId: string): Promise<ResolvedSource> => {
    switch (source.type) {
      case 'guest':
        return guestPhoto(deps.guests, source.eventId, source.name);
      case 'upload':
        return stagedUpload(deps.uploads, source.uploadId);
      case 'instagram':
        return instagramMedia(deps, accountId, source.mediaId);
    }
  };
}

async function guestPhoto(
  guests: GuestPhotoSource,
  eventId: string,
  fileName: string,
): Promise<ResolvedSource> {
  const name = path.basename(fileName);
  const bytes = await guests.read(eventId, name).catch(() => {
    throw new PublishInputError('invalid_request', `There is no guest photo ${eventId}/${name}.`, {
      field: 'items',
    });
  });
  return { bytes, name, mediaType: VIDEO_FILE.test(name) ? 'video' : 'image' };
}

async function stagedUpload(uploads: UploadStaging, id: string): Promise<ResolvedSource> {
  const { upload, bytes } = await uploads.read(id);
  return { bytes, name: upload.name, mediaType: upload.mediaType };
}

/** One of the account's photos or videos (a carousel's child included), re-hosted: Instagram only fetches our URLs. */
async function instagramMedia(
  deps: SourceResolverDeps,
  accountId: string,
  mediaId: string,
): Promise<ResolvedSource> {
  const client = await deps.clientFor(accountId);
  if (!client)
    throw new PublishInputError(
      'invalid_request',
      `Account ${accountId} is not connected. Connect it in /admin.`,
      { field: 'account' },
    );
  const media = await getMedia(client, mediaId, 'id,media_type,media_url').catch(
    (error: unknown) => {
      if (error instanceof GraphError && error.status !== undefined && error.status < 500) {
        throw new PublishInputError(
          'invalid_request',
          `Instagram media ${mediaId} cannot be read with this account (${error.message}). Pick one of the account's own posts.`,
          { field: 'items' },
        );
      }
      throw error;
    },
  );
  if (media.media_type === 'CAROUSEL_ALBUM') {
    throw new PublishInputError(
      'invalid_request',
      `Instagram media ${mediaId} is a carousel; pick one of its photos or videos.`,
      { field: 'items' },
    );
  }
  if (!media.media_url) {
    throw new PublishInputError(
      'media_unavailable',
      `Instagram media ${mediaId} is blocked: Instagram withholds its file (copyrighted material), so it cannot be copied. Pick another photo or video.`,
      { field: 'items' },
    );
  }
  const mediaType = media.media_type === 'VIDEO' ? 'video' : 'image';
  const { bytes } = await downloadMedia(media.media_url, {
    maxBytes: VIDEO_LIMITS.reel.maxBytes,
    accept: /^(image|video)\//,
  });
  return {
    bytes,
    name: `instagram-${mediaId}.${mediaType === 'video' ? 'mp4' : 'jpg'}`,
    mediaType,
  };
}
