import { type Formulas, insightValues } from './insight-values.ts';
import type { MediaMetric } from './insights-metrics.ts';
import { stableHash } from '../core/stable-hash.ts';
import type { Media } from '../core/store.ts';

/** Feed posts and reels: from the like and comment counts, and h = stableHash(media id). */
const POST_FORMULAS = (media: Media, h: number): Formulas<MediaMetric> => ({
  likes: () => media.post?.likeCount ?? 0,
  comments: () => media.post?.commentsCount ?? 0,
  reach: (v) => v('likes') * 8 + v('comments') * 20 + (h % 97),
  views: (v) => Math.round(v('reach') * 1.6),
  saved: (v) => Math.floor(v('likes') / 10),
  shares: (v) => Math.floor(v('likes') / 15),
  total_interactions: (v) => v('likes') + v('comments') + v('saved') + v('shares'),
  follows: (v) => Math.floor(v('reach') / 200),
  profile_visits: (v) => Math.floor(v('reach') / 40),
  profile_activity: (v) => Math.floor(v('profile_visits') / 3),
  reposts: (v) => Math.floor(v('shares') / 3),
  ig_reels_avg_watch_time: () => 3000 + (h % 9000),
  ig_reels_video_view_total_time: (v) => v('views') * v('ig_reels_avg_watch_time'),
});

/** Stories have no like or comment counts: everything comes from h. */
const STORY_FORMULAS = (h: number): Formulas<MediaMetric> => ({
  reach: () => 40 + (h % 460),
  views: (v) => Math.round(v('reach') * 1.3),
  shares: () => h % 7,
  replies: () => h % 5,
  follows: () => h % 3,
  profile_visits: (v) => Math.floor(v('reach') / 30),
  profile_activity: (v) => Math.floor(v('profile_visits') / 3),
  total_interactions: (v) => v('replies') + v('shares'),
  navigation: (v) => v('views'),
});

/** The media's lifetime value of a metric; undefined when its data is missing. */
export function mediaInsightValues(media: Media): (metric: MediaMetric) => number | undefined {
  const h = stableHash(media.id);
  const formulas = media.productType === 'STORY' ? STORY_FORMULAS(h) : POST_FORMULAS(media, h);
  return insightValues(media.post?.insights ?? {}, formulas);
}
