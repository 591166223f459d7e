import type { GraphErrorSpec } from '../core/errors.ts';
import type { MediaFile } from './media-upload.ts';
import type { Account } from '../core/store.ts';

/** `media_type` as the container was created with (`IMAGE` when it was left out). */
export type ContainerKind = 'IMAGE' | 'VIDEO' | 'REELS' | 'STORIES' | 'CAROUSEL';
export const CONTAINER_KINDS: readonly ContainerKind[] = [
  'IMAGE',
  'VIDEO',
  'REELS',
  'STORIES',
  'CAROUSEL',
];

export type ContainerStatusCode = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

/** What fetching the container's media ended in: the files, or the publishing error. */
export type Upload = { file: MediaFile; cover?: MediaFile } | { error: GraphErrorSpec };

export interface Container {
  id: string;
  account: Account;
  kind: ContainerKind;
  isCarouselItem: boolean;
  /** The file it takes: `image_url` or `video_url`; none for a carousel. */
  fileKind?: 'image' | 'video';
  caption?: string;
  altText?: string;
  /** Reels only: `share_to_feed`. */
  shareToFeed?: boolean;
  /** Carousels only: the item containers, in order. */
  children: Container[];
  /** Emulator clock. */
  createdAtMs: number;
  /** When its video is processed (emulator clock); the creation time for the others. */
  readyAtMs: number;
  /** Set when the media is fetched: during creation for images, in the background for videos. */
  upload?: Upload;
  /** Resolves once `upload` is set (at once for images and carousels). */
  uploaded: Promise<void>;
  /** The media it became: set by media_publish (a carousel's items get their child media's id). */
  mediaId?: string;
}

// Containers not published within 24 hours expire (content publishing guide).
export const CONTAINER_LIFETIME_MS = 24 * 3600_000;

export function containerStatus(container: Container, nowMs: number): ContainerStatusCode {
  if (container.mediaId) return 'PUBLISHED';
  if (nowMs >= container.createdAtMs + CONTAINER_LIFETIME_MS) return 'EXPIRED';
  // Its items were FINISHED when it was created; it reflects them, as Graph's carousels do.
  if (container.kind === 'CAROUSEL')
    return container.children.some((child) => isExpired(child, nowMs)) ? 'EXPIRED' : 'FINISHED';
  if (nowMs < container.readyAtMs || !container.upload) return 'IN_PROGRESS';
  return 'error' in container.upload ? 'ERROR' : 'FINISHED';
}

function isExpired(container: Container, nowMs: number): boolean {
  return !container.mediaId && nowMs >= container.createdAtMs + CONTAINER_LIFETIME_MS;
}

/** Waits for the video download once processing time is over, so the status after it is final. */
export async function processingDone(container: Container, nowMs: number): Promise<void> {
  if (nowMs >= container.readyAtMs) await container.uploaded;
}

// IN_PROGRESS and ERROR are observed texts; the others are the emulator's wording.
const STATUS_TEXTS: Record<Exclude<ContainerStatusCode, 'ERROR'>, string> = {
  IN_PROGRESS: 'In Progress: Media is still being processed.',
  FINISHED: 'Finished: Media has been uploaded and it is ready to be published.',
  EXPIRED: 'Expired: Media was not published within 24 hours of its creation.',
  PUBLISHED: 'Published: Media has been published.',
};

/** The `status` field that goes with a status code. */
export function statusText(container: Container, code: ContainerStatusCode): string {
  if (code !== 'ERROR') return STATUS_TEXTS[code];
  return `Error: Media upload has failed with error code ${containerError(container)?.subcode ?? ''}`;
}

export function containerError(container: Container): GraphErrorSpec | undefined {
  return container.upload && 'error' in container.upload ? container.upload.error : undefined;
}
