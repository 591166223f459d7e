// What the publish picker may offer: pure rules over what is known of an item before it is
// fetched, shared by the admin page (it marks what cannot be published) and its tests.
// No Node imports here: the admin UI imports this file.
import { formatDuration } from './check-video.ts';
import { VIDEO_LIMITS, type VideoKind } from './limits.ts';

/** What the picker knows of an item: its type, whether Instagram gives its file, its length. */
export interface PickableItem {
  mediaType: 'image' | 'video';
  /** Instagram left out `media_url`: the item is blocked (copyrighted material), no file to copy. */
  noFile?: boolean;
  /** A video's length, when its header could be read. Unknown lengths are checked at publish time. */
  durationSeconds?: number;
}

const VIDEO_KINDS: Record<string, VideoKind> = {
  reel: 'reel',
  story: 'story',
  carousel: 'carousel_item',
};

/** Why `item` cannot be published as (part of) a `kind` post, or undefined when it can. */
export function unpublishableReason(item: PickableItem, kind: string): string | undefined {
  if (item.noFile)
    return 'Blocked: Instagram withholds this file (copyrighted material), so it cannot be copied.';
  if (item.mediaType !== 'video' || item.durationSeconds === undefined) return undefined;
  const videoKind = VIDEO_KINDS[kind] ?? 'reel';
  const { minSeconds, maxSeconds } = VIDEO_LIMITS[videoKind];
  const length = formatDuration(item.durationSeconds);
  if (item.durationSeconds < minSeconds)
    return `Too short: ${length}; Instagram takes videos of ${formatDuration(minSeconds)} or more.`;
  if (item.durationSeconds > maxSeconds)
    return `Too long: ${length}; ${videoKind === 'reel' ? 'a reel' : videoKind === 'story' ? 'a story video' : 'a carousel video'} may last ${formatDuration(maxSeconds)} at most.`;
  return undefined;
}
