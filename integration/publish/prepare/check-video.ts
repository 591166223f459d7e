import { PublishInputError } from './errors.ts';
import { formatAspectRatio } from './image-frame.ts';
import {
  IMAGE_LIMITS,
  VIDEO_CODECS,
  VIDEO_LIMITS,
  VIDEO_MAX_WIDTH,
  type VideoKind,
} from './limits.ts';
import type { VideoFacts } from './video-facts.ts';

const KIND_NAMES: Record<VideoKind, string> = {
  reel: 'a reel',
  story: 'a story video',
  carousel_item: 'a carousel video',
};

/**
 * Checks a video against Instagram's spec for `kind`. What the spec makes a hard limit
 * (duration, file size, codec, aspect-ratio range) throws; what it only recommends or what
 * Instagram may fix itself comes back as warnings.
 */
export function checkVideo(facts: VideoFacts, kind: VideoKind, label = 'the video'): string[] {
  const limits = VIDEO_LIMITS[kind];
  const allowed = `${KIND_NAMES[kind]} must be ${formatDuration(limits.minSeconds)} to ${formatDuration(limits.maxSeconds)}`;
  const length = durationText(facts.durationSeconds, limits.minSeconds, limits.maxSeconds);
  if (facts.durationSeconds < limits.minSeconds) {
    throw new PublishInputError(
      'video_too_short',
      `${label} is ${length} long; ${allowed}. Use a clip of at least ${formatDuration(limits.minSeconds)}.`,
    );
  }
  if (facts.durationSeconds > limits.maxSeconds) {
    throw new PublishInputError(
      'video_too_long',
      `${label} is ${length} long; ${allowed}. Trim it to at most ${formatDuration(limits.maxSeconds)}.`,
    );
  }
  if (facts.sizeBytes > limits.maxBytes) {
    throw new PublishInputError(
      'video_too_large',
      `${label} is ${formatMB(facts.sizeBytes)}; Instagram accepts ${KIND_NAMES[kind]} of at most ${formatMB(limits.maxBytes)}. Export it at a lower bitrate or trim it.`,
    );
  }
  if (facts.codec !== undefined && !(facts.codec in VIDEO_CODECS)) {
    throw new PublishInputError(
      'unsupported_codec',
      `${label} is encoded as "${facts.codec}"; Instagram accepts H.264 or HEVC video only. Export it as an H.264 MP4.`,
    );
  }
  checkAspectRange(facts, kind, label);
  return warningsFor(facts, kind, label);
}

function checkAspectRange(facts: VideoFacts, kind: VideoKind, label: string): void {
  const { minAspectRatio: min, maxAspectRatio: max } = VIDEO_LIMITS[kind];
  const ratio = facts.width / facts.height;
  if (min === undefined || max === undefined || (ratio >= min && ratio <= max)) return;
  throw new PublishInputError(
    'aspect_ratio',
    `${label} is ${facts.width}×${facts.height}, an aspect ratio of ${ratio.toFixed(3)}:1; ${KIND_NAMES[kind]} must be ${min}:1 to ${max}:1. Crop it.`,
  );
}

function warningsFor(facts: VideoFacts, kind: VideoKind, label: string): string[] {
  const warnings: string[] = [];
  const ratio = facts.width / facts.height;
  const shape = `${facts.width}×${facts.height} (${formatAspectRatio(ratio)})`;
  const recommended = VIDEO_LIMITS[kind].recommendedAspectRatio;
  if (recommended && Math.abs(ratio - recommended.value) > 0.01) {
    warnings.push(
      `${label} is ${shape}; Instagram shows ${KIND_NAMES[kind]} at ${recommended.label}, so it will be cropped or letterboxed.`,
    );
  }
  // Carousel items share one frame, which for feed posts is 4:5 – 1.91:1 (Meta does not document video items separately).
  if (
    kind === 'carousel_item' &&
    (ratio < IMAGE_LIMITS.minAspectRatio || ratio > IMAGE_LIMITS.maxAspectRatio)
  ) {
    warnings.push(
      `${label} is ${shape}; carousel posts are shown at 4:5 to 1.91:1, so Instagram will crop it.`,
    );
  }
  if (facts.width > VIDEO_MAX_WIDTH) {
    warnings.push(
      `${label} is ${facts.width} px wide; Instagram's video spec says at most ${VIDEO_MAX_WIDTH} px, so it may be scaled down or refused. Export it at ${VIDEO_MAX_WIDTH} px wide or less.`,
    );
  }
  if (!facts.moovFirst) {
    warnings.push(
      `${label} has its index (moov box) after the media data; Instagram's spec asks for it at the front. If Instagram refuses it, export it again with "fast start" (ffmpeg: -movflags +faststart).`,
    );
  }
  if (facts.editList) {
    warnings.push(
      `${label} has an edit list (a cut that was not rendered into the file); Instagram's spec asks for none. If the published clip starts or ends in the wrong place, export it again.`,
    );
  }
  return warnings;
}

/** "2 s", "2.5 s", "15 min"; with `exact`, minutes also in seconds: "16 min 40 s (1000 s)". */
export function formatDuration(seconds: number, exact = false): string {
  const trimmed = (value: number) => String(Number(value.toFixed(3)));
  if (seconds < 60) return `${trimmed(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  const text = `${minutes} min${rest >= 0.0005 ? ` ${trimmed(rest)} s` : ''}`;
  return exact ? `${text} (${trimmed(seconds)} s)` : text;
}

// "3 s" for 2.9996 s would read as allowed: then the exact seconds are shown.
function durationText(seconds: number, ...limits: number[]): string {
  const text = formatDuration(seconds, true);
  return limits.some((limit) => seconds !== limit && text === formatDuration(limit, true))
    ? `${seconds} s`
    : text;
}

/** Decimal megabytes, the stricter reading of the spec's "MB"; exact bytes when rounding would hide the excess. */
function formatMB(bytes: number): string {
  const mb = `${Number((bytes / 1e6).toFixed(1))} MB`;
  return Number.isInteger(bytes / 1e6) ? mb : `${mb} (${bytes.toLocaleString('en-US')} bytes)`;
}
