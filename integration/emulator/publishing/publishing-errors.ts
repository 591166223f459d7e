import type { GraphErrorSpec } from '../core/errors.ts';

// Content publishing errors: codes and subcodes from Meta's Instagram Platform error-code table
// (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes), all
// HTTP 400 OAuthException with a user title and message. Texts Meta shows are kept; the rest are
// the emulator's wording (listed in docs/emulator.md).
const PUBLISHING = { type: 'OAuthException', isTransient: false } as const;

/** Unreachable URL, non-200 answer, or bytes that are not a photo or video (PNG and WebP too: observed). */
export const mediaFetchFailed = (url: string): GraphErrorSpec => ({
  ...PUBLISHING,
  code: 9004,
  subcode: 2207052,
  message: 'Only photo or video can be accepted as media type.',
  userTitle: 'Media download has failed.',
  userMessage: `The media could not be fetched from this URI: ${url}`,
});

export const mediaFetchTimedOut = (): GraphErrorSpec => ({
  ...PUBLISHING,
  code: -2,
  subcode: 2207003,
  message: 'The media download timed out.',
  isTransient: true,
  userTitle: 'Media download timed out',
  userMessage: 'It takes too long to download the media. Try again.',
});

/** Meta's own sample of the error envelope. */
export const imageTooLarge = (): GraphErrorSpec => ({
  ...PUBLISHING,
  code: 36000,
  subcode: 2207004,
  message: 'The image size is too large.',
  userTitle: 'Image size too large',
  userMessage: 'The image is too large to download. It should be less than 8 MiB.',
});

export const unsupportedAspectRatio = (ratio: number): GraphErrorSpec => ({
  ...PUBLISHING,
  code: 36003,
  subcode: 2207009,
  message: 'The aspect ratio is not supported.',
  userTitle: 'Unsupported aspect ratio',
  userMessage: `The submitted image with aspect ratio ${Number(ratio.toFixed(2))} cannot be published. Please submit an image with a valid aspect ratio.`,
});

export const unsupportedVideoFormat = (): GraphErrorSpec => ({
  ...PUBLISHING,
  code: 352,
  subcode: 2207026,
  message: 'The video format is not supported.',
  userTitle: 'Unsupported video format',
  userMessage: 'The video format is not supported. Please use MOV or MP4.',
});

/** Meta: "should only affect video uploads"; the emulator answers it for a video past 300 MB, or a failure it cannot name. */
export const unknownUploadError = (): GraphErrorSpec => ({
  ...PUBLISHING,
  code: -1,
  subcode: 2207053,
  message: 'unknown upload error',
  userTitle: 'Upload failed',
  userMessage: 'An unknown error occurred during upload. Create a new container and try again.',
});

/** Too many characters, hashtags or mentions: one error, the user message says which. */
export const captionTooLong = (detail: string): GraphErrorSpec => ({
  ...PUBLISHING,
  code: 36004,
  subcode: 2207010,
  message: 'The caption is too long.',
  userTitle: 'Caption too long',
  userMessage: detail,
});

export const carouselSize = (): GraphErrorSpec => ({
  ...PUBLISHING,
  code: 100,
  subcode: 2207028,
  message: 'Invalid parameter',
  userTitle: 'Carousel validation failed',
  userMessage: 'A carousel needs at least 2 and at most 10 photos or videos.',
});

export const unsupportedMediaType = (detail: string): GraphErrorSpec => ({
  ...PUBLISHING,
  code: 100,
  subcode: 2207023,
  message: 'Invalid parameter',
  userTitle: 'Media type not supported',
  userMessage: detail,
});

export const mediaNotFound = (id: string): GraphErrorSpec => ({
  ...PUBLISHING,
  code: 24,
  subcode: 2207006,
  message: 'The requested resource does not exist',
  userTitle: 'Media not found',
  userMessage: `The media with id ${id} cannot be found.`,
});

export const mediaNotReady = (): GraphErrorSpec => ({
  ...PUBLISHING,
  code: 9007,
  subcode: 2207027,
  message: 'Media ID is not available',
  isTransient: true,
  userTitle: 'Media not ready',
  userMessage: 'The media is not ready for publishing, please wait for a moment',
});

/** Meta documents no error for publishing a container twice; the emulator keeps 9007/2207027, not transient. */
export const alreadyPublished = (): GraphErrorSpec => ({
  ...mediaNotReady(),
  isTransient: false,
  userTitle: 'Media already published',
  userMessage: 'The media has already been published. Do not publish it again.',
});

export const containerExpired = (): GraphErrorSpec => ({
  ...PUBLISHING,
  code: -2,
  subcode: 2207020,
  message: 'The media has expired.',
  userTitle: 'Media expired',
  userMessage:
    'The media you are trying to access has expired. Create a new container and try again.',
});

export const publishingLimitReached = (limit: number): GraphErrorSpec => ({
  ...PUBLISHING,
  code: 9,
  subcode: 2207042,
  message: 'The publishing limit has been reached.',
  userTitle: 'Publishing limit reached',
  userMessage: `This account has published the ${limit} posts allowed in 24 hours. Try again later.`,
});

/** Meta's table has no row for the container limit: the emulator answers the publishing limit's error. */
export const containerLimitReached = (limit: number): GraphErrorSpec => ({
  ...publishingLimitReached(limit),
  userMessage: `This account has created the ${limit} containers allowed in 24 hours. Try again later.`,
});

/** Emulator wording: Meta documents no error for a non-item container in `children`. */
export const notACarouselItem = (id: string): GraphErrorSpec => ({
  message: `(#100) The media with id ${id} is not a carousel item: create it with is_carousel_item=true`,
  type: 'OAuthException',
  code: 100,
});
