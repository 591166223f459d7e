import sharp from 'sharp';
import { GraphError, type GraphErrorSpec } from '../core/errors.ts';
import { fetchMedia, type FetchOptions, type FetchResult } from './media-fetch.ts';
import { readVideoInfo } from './mp4.ts';
import {
  imageTooLarge,
  mediaFetchFailed,
  mediaFetchTimedOut,
  unknownUploadError,
  unsupportedAspectRatio,
  unsupportedVideoFormat,
} from './publishing-errors.ts';

/** A fetched and accepted photo or video: what the CDN serves once it is published. */
export interface MediaFile {
  kind: 'image' | 'video';
  bytes: Buffer;
  width: number;
  height: number;
}

export type UploadOptions = Omit<FetchOptions, 'maxBytes'>;

// Media specifications of the content publishing guide: JPEG images up to 8 MiB with an aspect
// ratio from 4:5 to 1.91:1 (stories: any ratio); MP4 or MOV videos, reels up to 300 MB.
const IMAGE_MAX_BYTES = 8 * 1024 * 1024;
const VIDEO_MAX_BYTES = 300 * 1024 * 1024;
const ASPECT_RATIO = { min: 4 / 5, max: 1.91 };
// Sizes are not checked: Instagram scales widths from 320 to 1440. A video whose size cannot be
// read gets the 9:16 reel size, for its poster.
const DEFAULT_VIDEO_SIZE = { width: 1080, height: 1920 };

/** Fetches a JPEG and checks it, or throws the publishing error Instagram gives. */
export async function uploadImage(
  url: string,
  options: UploadOptions & { checkAspectRatio: boolean },
): Promise<MediaFile> {
  const bytes = fetched(
    await fetchMedia(url, { ...options, maxBytes: IMAGE_MAX_BYTES }),
    url,
    imageTooLarge,
  );
  const size = await jpegSize(bytes);
  if (!size) throw new GraphError(mediaFetchFailed(url));
  const ratio = size.width / size.height;
  if (options.checkAspectRatio && (ratio < ASPECT_RATIO.min || ratio > ASPECT_RATIO.max)) {
    throw new GraphError(unsupportedAspectRatio(ratio));
  }
  return { kind: 'image', bytes, ...size };
}

/** Fetches an MP4 or MOV video, or throws the publishing error Instagram gives. */
export async function uploadVideo(url: string, options: UploadOptions): Promise<MediaFile> {
  const bytes = fetched(
    await fetchMedia(url, { ...options, maxBytes: VIDEO_MAX_BYTES }),
    url,
    unknownUploadError,
  );
  const info = readVideoInfo(bytes);
  if (!info) throw new GraphError(unsupportedVideoFormat());
  const { width = DEFAULT_VIDEO_SIZE.width, height = DEFAULT_VIDEO_SIZE.height } = info;
  return { kind: 'video', bytes, width, height };
}

function fetched(result: FetchResult, url: string, tooLarge: () => GraphErrorSpec): Buffer {
  if (result.ok) return result.bytes;
  if (result.reason === 'timeout') throw new GraphError(mediaFetchTimedOut());
  throw new GraphError(result.reason === 'too-large' ? tooLarge() : mediaFetchFailed(url));
}

/** Width and height as displayed (EXIF orientation applied), or undefined for anything but a JPEG. */
async function jpegSize(bytes: Buffer): Promise<{ width: number; height: number } | undefined> {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return undefined;
  try {
    const metadata = await sharp(bytes).metadata();
    return metadata.format === 'jpeg' ? metadata.autoOrient : undefined;
  } catch {
    return undefined;
  }
}
