import type { Media } from '../core/store.ts';

/**
 * When a bad image answers: `reject` (default, what Instagram does for images) fails
 * `POST /{ig-user-id}/media` with the error; `status` creates the container in status ERROR instead,
 * as happens to videos.
 */
export type ImageFailures = 'reject' | 'status';
export const IMAGE_FAILURE_MODES: readonly ImageFailures[] = ['reject', 'status'];

/** What the control API can change while the emulator runs. */
export interface PublishingSettings {
  /** How long a video container stays IN_PROGRESS, on the emulator clock. */
  videoProcessingMs: number;
  imageFailures: ImageFailures;
}

export interface PublishingOptions extends PublishingSettings {
  /** Timeout of one media URL download. */
  fetchTimeoutMs: number;
  /** Posts per account per rolling 24 h, unless the seed account sets `publishingLimit`. */
  publishingLimit: number;
}

export const PUBLISHING_DEFAULTS: PublishingOptions = {
  videoProcessingMs: 3000,
  imageFailures: 'reject',
  fetchTimeoutMs: 10_000,
  // The guide says 100 posts per 24 h, the reference 50: the emulator takes the guide's number.
  publishingLimit: 100,
};

/** One media_publish that went through. */
export interface PublishedPost {
  media: Media;
  containerId: string;
}

export interface PublishingState {
  readonly options: PublishingOptions;
  settings: PublishingSettings;
  /** In publish order. */
  published: PublishedPost[];
}

export function createPublishingState(options: Partial<PublishingOptions> = {}): PublishingState {
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  );
  const all: PublishingOptions = { ...PUBLISHING_DEFAULTS, ...defined };
  return {
    options: all,
    settings: { videoProcessingMs: all.videoProcessingMs, imageFailures: all.imageFailures },
    published: [],
  };
}
