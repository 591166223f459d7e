// Instagram's publishing limits, from Meta's Content Publishing guide and the
// `POST /{ig-user-id}/media` reference ("Media specifications"). Pure data: the admin UI imports it.

const MiB = 1024 * 1024;
const MB = 1000 * 1000;

/** Feed, carousel and story images. */
export const IMAGE_LIMITS = {
  /** Error 36000/2207004 says "less than 8 MiB". */
  maxBytes: 8 * MiB,
  /** Narrower images are scaled up by Instagram, wider ones down; we do it first so we control the result. */
  minWidth: 320,
  maxWidth: 1440,
  /** 4:5 to 1.91:1; outside it Instagram refuses with 36003/2207009 "The aspect ratio is not supported." */
  minAspectRatio: 0.8,
  maxAspectRatio: 1.91,
} as const;

/** Story images: JPEG, ≤ 8 MB, sRGB, no aspect-ratio range; 9:16 recommended. */
export const STORY_ASPECT_RATIO = { value: 9 / 16, label: '9:16' } as const;

export type VideoKind = 'reel' | 'story' | 'carousel_item';

export interface VideoLimits {
  minSeconds: number;
  maxSeconds: number;
  /** The spec says "MB" without saying which; decimal megabytes are the stricter reading. */
  maxBytes: number;
  /** Hard aspect-ratio range (width / height), when the spec gives one. */
  minAspectRatio?: number;
  maxAspectRatio?: number;
  /** The spec's recommended aspect ratio: anything else is only a warning. */
  recommendedAspectRatio?: { value: number; label: string };
}

export const VIDEO_LIMITS: Record<VideoKind, VideoLimits> = {
  // Reels: 3 s – 15 min, ≤ 300 MB, aspect 0.01:1 – 10:1, 9:16 recommended.
  reel: {
    minSeconds: 3,
    maxSeconds: 15 * 60,
    maxBytes: 300 * MB,
    minAspectRatio: 0.01,
    maxAspectRatio: 10,
    recommendedAspectRatio: { value: 9 / 16, label: '9:16' },
  },
  // Story videos: 3 – 60 s, ≤ 100 MB, aspect 0.1:1 – 10:1, 9:16 recommended.
  story: {
    minSeconds: 3,
    maxSeconds: 60,
    maxBytes: 100 * MB,
    minAspectRatio: 0.1,
    maxAspectRatio: 10,
    recommendedAspectRatio: { value: 9 / 16, label: '9:16' },
  },
  // Carousel video items: the old VIDEO spec (3 – 60 s, ≤ 100 MB); Meta no longer documents them separately.
  carousel_item: { minSeconds: 3, maxSeconds: 60, maxBytes: 100 * MB },
};

/** Reels may be at most 1920 px wide; the spec lists it without saying wider files are refused. */
export const VIDEO_MAX_WIDTH = 1920;

/** Video codecs the spec accepts (HEVC or H.264), as MP4/MOV sample entry types. */
export const VIDEO_CODECS: Record<string, string> = {
  avc1: 'H.264',
  avc3: 'H.264',
  hvc1: 'HEVC',
  hev1: 'HEVC',
};

/** Caption limits of the `caption` parameter; beyond them Instagram answers 36004/2207010. */
export const CAPTION_LIMITS = {
  maxCharacters: 2200,
  maxHashtags: 30,
  maxMentions: 20,
  /** Instagram (the app) announced a cap of 5 hashtags in late 2025; the API docs still say 30. */
  announcedHashtags: 5,
} as const;

/** `alt_text` on image posts and carousel images (not reels or stories), since 2025-03-24. */
export const ALT_TEXT_MAX_CHARACTERS = 1000;

/** A carousel's `children`: 2 to 10 containers, else 100/2207028. */
export const CAROUSEL_ITEMS = { min: 2, max: 10 } as const;
