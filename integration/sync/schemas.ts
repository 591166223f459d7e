import { z } from 'astro/zod';
import type { SchemaContext } from 'astro:content';

/**
 * Collection schemas. Guest photos and Instagram posts carry images, which only Astro's
 * `image()` helper turns into optimisable assets, so those two are schema functions that
 * content.config.ts passes to `defineCollection({ schema })`.
 */
export const eventSchema = z.object({
  title: z.string(),
  timezone: z.string(),
  start: z.string(),
  end: z.string(),
  startUtc: z.string(),
  endUtc: z.string(),
  window: z.object({
    fromUtc: z.string(),
    toUtc: z.string(),
    beforeMs: z.number(),
    afterMs: z.number(),
  }),
  description: z.string().optional(),
  location: z.string().optional(),
  account: z.string().optional(),
  hashtags: z.array(z.string()),
  visibility: z.enum(['public', 'unlisted', 'private']),
  uploads: z.object({ enabled: z.boolean(), untilUtc: z.string().optional() }),
  cover: z.string().optional(),
});

export function guestPhotoSchema({ image }: SchemaContext) {
  return z.object({
    eventId: z.string(),
    name: z.string(),
    image: image(),
    placeholder: z.string().optional(),
    takenAt: z.string(),
    takenAtSource: z.enum(['exif', 'upload']),
    uploader: z.string().optional(),
    caption: z.string().optional(),
    alt: z.string().optional(),
  });
}

export function instagramPostSchema({ image }: SchemaContext) {
  const item = z.object({
    id: z.string(),
    kind: z.enum(['image', 'video', 'unavailable']),
    /** The picture, or the video's poster. */
    image: image().optional(),
    placeholder: z.string().optional(),
    /** Site path of the video file, e.g. "/_instagram/<sha256>.mp4". */
    video: z.string().optional(),
    altText: z.string().optional(),
  });
  return z.object({
    /** The events whose window and filters the post matches; empty for a feed-only post. */
    eventIds: z.array(z.string()),
    /** Private events whose window the post matches: only their on-demand pages read this. */
    privateEventIds: z.array(z.string()).default([]),
    /** One of its account's newest `instagram.feedPosts` posts: what <InstagramFeed> shows. */
    feed: z.boolean().default(false),
    mediaType: z.enum(['IMAGE', 'VIDEO', 'CAROUSEL_ALBUM']),
    productType: z.string().optional(),
    caption: z.string().optional(),
    hashtags: z.array(z.string()),
    permalink: z.string().optional(),
    timestamp: z.string(),
    username: z.string().optional(),
    altText: z.string().optional(),
    /** Where this build's posts came from: the API, the demo emulator, or the last-good snapshot. */
    source: z.enum(['live', 'demo', 'snapshot']),
    items: z.array(item),
    /**
     * A guest's post that tagged or mentioned the account, approved in /admin/moderation: shown
     * in its event's gallery as "Tagged by @author", never in a feed or a download.
     */
    taggedBy: z
      .object({
        author: z.string(),
        /** The author's profile on Instagram: the credit. */
        profile: z.string(),
        via: z.enum(['tag', 'mention', 'comment-mention']),
      })
      .optional(),
  });
}
