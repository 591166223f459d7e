import type { GraphMedia } from '../graph/index.ts';
import type { GuestMedia } from './guest-media.ts';

/** A guest's post as Graph gives it, as a candidate keeps it: pictures (a video's thumbnail) in order. */
export function guestMediaOf(media: GraphMedia, mediaId = media.id): GuestMedia {
  const items = media.children?.data.length ? media.children.data : [media];
  return {
    mediaId,
    author: media.username ?? 'unknown',
    ...(media.permalink && { permalink: media.permalink }),
    ...(media.caption && { caption: media.caption }),
    mediaType: media.media_type,
    mediaUrls: items.flatMap((item) => {
      const url = item.media_type === 'VIDEO' ? item.thumbnail_url : item.media_url;
      return url ? [url] : [];
    }),
    postedAt: new Date(media.timestamp).toISOString(),
  };
}
