import { listMedia, type GraphClient, type GraphMedia } from '../graph/index.ts';
import type { GalleryEvent } from '../events/event-file.ts';
import { postMatchesEvent } from '../events/match-window.ts';
import { videoLengthOf } from './video-length.ts';

/** A photo or video of the account's posts in an event's window: a carousel counts each child. */
export interface EventPostItem {
  /** The media id a publish request names as `{ type: 'instagram', mediaId }`. */
  mediaId: string;
  mediaType: 'image' | 'video';
  postId: string;
  permalink?: string;
  caption?: string;
  timestamp: string;
  /** 1-based position in its carousel. */
  position?: number;
  /** Instagram gives no file for it (`media_url` left out: copyrighted material). */
  noFile?: true;
  /** A video's length in seconds, when its header could be read. */
  durationSeconds?: number;
}

/** Read with the item: its file's URL, which never leaves the server. */
type ListedItem = EventPostItem & { fileUrl?: string };

const FIELDS =
  'id,caption,media_type,media_url,permalink,timestamp,username,children{id,media_type,media_url}';

/**
 * The account's posts made in the event's window (and passing its account and hashtag
 * filters), newest first: the same matching as the build, read live so that a post published
 * minutes ago is there too. One request per 100 posts of the window, and for each video the
 * first MiB of its file, for its length (videos under 3 s cannot be published).
 */
export async function eventPostItems(
  client: GraphClient,
  accountId: string,
  event: GalleryEvent,
): Promise<EventPostItem[]> {
  const items: ListedItem[] = [];
  const until = new Date(Date.parse(event.window.toUtc) + 1000); // Graph's `until` excludes its second
  for await (const page of listMedia(client, {
    userId: accountId,
    since: new Date(event.window.fromUtc),
    until,
    fields: FIELDS,
  })) {
    for (const post of page) {
      if (postMatchesEvent({ ...post, timestamp: isoTime(post.timestamp) }, event))
        items.push(...itemsOf(post));
    }
  }
  return Promise.all(items.map(withLength));
}

async function withLength({ fileUrl, ...item }: ListedItem): Promise<EventPostItem> {
  if (item.mediaType !== 'video' || !fileUrl) return item;
  const durationSeconds = await videoLengthOf(item.mediaId, fileUrl);
  return durationSeconds === undefined ? item : { ...item, durationSeconds };
}

/** `media_url` left out means Instagram withholds the file (copyrighted material). */
function fileOf(media: { media_url?: string }): Pick<ListedItem, 'fileUrl' | 'noFile'> {
  return media.media_url ? { fileUrl: media.media_url } : { noFile: true };
}

function itemsOf(post: GraphMedia): ListedItem[] {
  const common = {
    postId: post.id,
    timestamp: isoTime(post.timestamp),
    ...(post.permalink && { permalink: post.permalink }),
    ...(post.caption && { caption: post.caption }),
  };
  const children = post.children?.data;
  if (post.media_type === 'CAROUSEL_ALBUM' && children?.length) {
    return children.map((child, index) => ({
      ...common,
      mediaId: child.id,
      mediaType: child.media_type === 'VIDEO' ? 'video' : 'image',
      position: index + 1,
      ...fileOf(child),
    }));
  }
  return [
    {
      ...common,
      mediaId: post.id,
      mediaType: post.media_type === 'VIDEO' ? 'video' : 'image',
      ...fileOf(post),
    },
  ];
}

/** Graph's `2026-04-29T18:22:41+0000` as ISO 8601. */
function isoTime(timestamp: string): string {
  return new Date(timestamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
}
