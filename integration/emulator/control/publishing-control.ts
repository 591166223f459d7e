import { ControlInputError } from './control-input.ts';
import {
  type ContainerKind,
  type ContainerStatusCode,
  containerError,
  containerStatus,
  statusText,
} from '../publishing/containers.ts';
import { formatGraphTimestamp } from '../core/dates.ts';
import { permalinkOf } from '../read/media-view.ts';
import {
  IMAGE_FAILURE_MODES,
  type PublishingSettings,
  type PublishingState,
} from '../publishing/publishing-state.ts';
import type { Media, Store } from '../core/store.ts';

/** One post media_publish made, as tests check it. */
export interface PublishedMediaSummary {
  id: string;
  userId: string;
  containerId: string;
  mediaType: Media['mediaType'];
  productType: Media['productType'];
  caption?: string;
  /** Graph's format, as the media list shows it. */
  timestamp: string;
  permalink: string;
  shortcode: string;
  children?: { id: string; mediaType: Media['mediaType'] }[];
}

/** One container and where it stands now. */
export interface ContainerSummary {
  id: string;
  userId: string;
  kind: ContainerKind;
  isCarouselItem: boolean;
  /** `image` or `video`; absent for a carousel. */
  fileKind?: 'image' | 'video';
  statusCode: ContainerStatusCode;
  status: string;
  /** ISO, emulator clock. */
  createdAt: string;
  /** Carousels: the item container ids. */
  children?: string[];
  /** Once published: the media it became. */
  mediaId?: string;
  /** Status ERROR: the publishing error behind it. */
  error?: { code: number; subcode?: number; message: string };
}

export function publishedMedia(state: PublishingState, userId?: string): PublishedMediaSummary[] {
  return state.published
    .filter(({ media }) => userId === undefined || media.account.userId === userId)
    .map(({ media, containerId }) => ({
      id: media.id,
      userId: media.account.userId,
      containerId,
      mediaType: media.mediaType,
      productType: media.productType,
      caption: media.post?.caption,
      timestamp: formatGraphTimestamp(media.timestampMs),
      permalink: permalinkOf(media),
      shortcode: media.post?.shortcode ?? '',
      children:
        media.children.length > 0
          ? media.children.map((child) => ({ id: child.id, mediaType: child.mediaType }))
          : undefined,
    }));
}

/** Every container, oldest first; a video still downloading reads IN_PROGRESS. */
export function containerSummaries(store: Store, nowMs: number): ContainerSummary[] {
  return [...store.containers.values()].map((container) => {
    const statusCode = containerStatus(container, nowMs);
    const error = statusCode === 'ERROR' ? containerError(container) : undefined;
    return {
      id: container.id,
      userId: container.account.userId,
      kind: container.kind,
      isCarouselItem: container.isCarouselItem,
      fileKind: container.fileKind,
      statusCode,
      status: statusText(container, statusCode),
      createdAt: new Date(container.createdAtMs).toISOString(),
      children:
        container.kind === 'CAROUSEL' ? container.children.map((child) => child.id) : undefined,
      mediaId: container.mediaId,
      error: error && { code: error.code, subcode: error.subcode, message: error.message },
    };
  });
}

/** Applies the given settings, checked; the others stay as they are. */
export function changePublishingSettings(
  state: PublishingState,
  change: Partial<PublishingSettings>,
): void {
  const { videoProcessingMs, imageFailures } = change;
  if (videoProcessingMs !== undefined && !isMilliseconds(videoProcessingMs)) {
    throw new ControlInputError('videoProcessingMs must be a number of milliseconds ≥ 0');
  }
  if (imageFailures !== undefined && !IMAGE_FAILURE_MODES.includes(imageFailures)) {
    throw new ControlInputError('imageFailures must be "reject" or "status"');
  }
  state.settings = {
    videoProcessingMs: videoProcessingMs ?? state.settings.videoProcessingMs,
    imageFailures: imageFailures ?? state.settings.imageFailures,
  };
}

function isMilliseconds(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
