import { PublishInputError } from './errors.ts';
import { IMAGE_LIMITS, STORY_ASPECT_RATIO } from './limits.ts';

/** What to do with an image whose aspect ratio Instagram refuses. */
export type ImageFit = 'refuse' | 'crop' | 'pad';

/** Feed images (single posts, carousel items) have an aspect-ratio range; story images do not. */
export type ImageTarget = 'feed' | 'story';

/** The output size of an image and how its pixels are mapped onto it (sharp's resize `fit`). */
export interface ImageFrame {
  width: number;
  height: number;
  /** `fill` keeps the whole picture (ratio already allowed), `cover` centre-crops, `contain` letterboxes. */
  fit: 'fill' | 'cover' | 'contain';
  changes: string[];
  /** What Instagram will do to the picture anyway, e.g. letterbox a story that is not 9:16. */
  warnings: string[];
}

export interface ImageFrameOptions {
  fit: ImageFit;
  padColor: string;
  label: string;
  target?: ImageTarget;
}

const { minAspectRatio, maxAspectRatio, minWidth, maxWidth } = IMAGE_LIMITS;
const ACCEPTED = `Instagram accepts 4:5 (${minAspectRatio.toFixed(2)}) to ${maxAspectRatio}:1`;

/**
 * The frame an upright `width`×`height` picture is published in: a width within 320 – 1440 px
 * and, for the feed, an aspect ratio within 4:5 – 1.91:1 (by cropping or padding, if `fit` allows).
 */
export function planImageFrame(
  width: number,
  height: number,
  options: ImageFrameOptions,
): ImageFrame {
  const ratio = width / height;
  if (options.target === 'story')
    return {
      ...scaled(width, height, 'fill', []),
      warnings: storyWarnings(width, height, options.label),
    };
  const target = Math.min(maxAspectRatio, Math.max(minAspectRatio, ratio));
  if (target === ratio) return scaled(width, height, 'fill', []);
  if (options.fit === 'refuse') {
    throw new PublishInputError(
      'aspect_ratio',
      `${options.label} is ${width}×${height}, an aspect ratio of ${formatAspectRatio(ratio)}; ${ACCEPTED}. Crop or pad it (fit: "crop" | "pad").`,
    );
  }
  const wide = ratio > target;
  if (options.fit === 'crop') {
    const change = `cropped ${formatAspectRatio(ratio)} to ${formatAspectRatio(target)}`;
    return wide
      ? scaled(height * target, height, 'cover', [change])
      : scaled(width, width / target, 'cover', [change]);
  }
  const change = `padded ${formatAspectRatio(ratio)} to ${formatAspectRatio(target)} with ${options.padColor}`;
  return wide
    ? scaled(width, width / target, 'contain', [change])
    : scaled(height * target, height, 'contain', [change]);
}

/** "3.00:1"; with more decimals when two would make a refused ratio look like the limit itself. */
export function formatAspectRatio(ratio: number): string {
  for (let digits = 2; digits < 4; digits++) {
    const text = ratio.toFixed(digits);
    const looksAllowed = Number(text) >= minAspectRatio && Number(text) <= maxAspectRatio;
    const isAllowed = ratio >= minAspectRatio && ratio <= maxAspectRatio;
    if (looksAllowed === isAllowed) return `${text}:1`;
  }
  return `${ratio.toFixed(4)}:1`;
}

function scaled(
  frameWidth: number,
  frameHeight: number,
  fit: ImageFrame['fit'],
  changes: string[],
): ImageFrame {
  const before = Math.round(frameWidth);
  const width = Math.min(maxWidth, Math.max(minWidth, before));
  const height = heightWithinRatio(
    width,
    Math.max(1, Math.round((width * frameHeight) / frameWidth)),
  );
  const resized = width === before ? [] : [`resized ${before}→${width} px wide`];
  return { width, height, fit, changes: [...changes, ...resized], warnings: [] };
}

function storyWarnings(width: number, height: number, label: string): string[] {
  const ratio = width / height;
  if (Math.abs(ratio - STORY_ASPECT_RATIO.value) <= 0.01) return [];
  return [
    `${label} is ${width}×${height} (${formatAspectRatio(ratio)}); Instagram shows stories at ${STORY_ASPECT_RATIO.label}, so it will be letterboxed or cropped.`,
  ];
}

// Rounding to whole pixels can push a ratio just past a limit (1440/753 = 1.912): nudge the height back.
function heightWithinRatio(width: number, height: number): number {
  if (width / height > maxAspectRatio) return Math.ceil(width / maxAspectRatio);
  if (width / height < minAspectRatio) return Math.floor(width / minAspectRatio);
  return height;
}
