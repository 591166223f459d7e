/** The analytics payload of one account over a date range: what `GET /api/instagram/analytics` answers. */

export type PostKind = 'image' | 'carousel' | 'reel' | 'story';
export const POST_KINDS: readonly PostKind[] = ['image', 'carousel', 'reel', 'story'];

/** A post's lifetime numbers; `null` when Instagram has no data for it (never a made-up 0). */
export interface PostMetrics {
  likes: number | null;
  comments: number | null;
  saves: number | null;
  shares: number | null;
  views: number | null;
  reach: number | null;
  /** Instagram's `total_interactions`; see `interactions` for what engagement counts. */
  totalInteractions: number | null;
  /** Reels only: `ig_reels_avg_watch_time` in seconds. */
  avgWatchTimeSeconds?: number | null;
}

export interface PostAnalytics {
  id: string;
  kind: PostKind;
  /** ISO 8601 instant. */
  timestamp: string;
  permalink?: string;
  caption?: string;
  /** Our own thumbnail URL (proxied), never an Instagram CDN URL. */
  thumbnail: string;
  metrics: PostMetrics;
  /** What engagement counts: `total_interactions`, else likes + comments + saves + shares. */
  interactions: number | null;
  /** interactions / reach. */
  engagementRate: number | null;
  /** interactions / views. */
  engagementRateByViews: number | null;
}

export interface Totals {
  posts: number;
  likes: number | null;
  comments: number | null;
  saves: number | null;
  shares: number | null;
  views: number | null;
  reach: number | null;
  totalInteractions: number | null;
  interactions: number | null;
  /** Σ interactions / Σ reach, over posts that have both. */
  engagementRateByReach: number | null;
  /** (Σ interactions / posts) / followers. */
  engagementRateByFollowers: number | null;
  /** Σ interactions / Σ views, over posts that have both. */
  engagementRateByViews: number | null;
  /** Each sum divided by the number of posts that have the metric. */
  averagePerPost: Omit<
    Totals,
    | 'posts'
    | 'engagementRateByReach'
    | 'engagementRateByFollowers'
    | 'engagementRateByViews'
    | 'averagePerPost'
  >;
}

export interface SeriesPoint {
  /** Instagram's day (it ends at US-Pacific midnight), YYYY-MM-DD. */
  date: string;
  reach: number | null;
  /** Views of the posts published that day (the API has no daily account views series). */
  views: number | null;
  /** New followers that day; null where Instagram keeps no data (older than 30 days, or < 100 followers). */
  followerCount: number | null;
}

export interface MonthlyRollup {
  month: string; // YYYY-MM, in the range's time zone
  posts: number;
  interactions: number | null;
  reach: number | null;
  views: number | null;
  engagementRateByReach: number | null;
}

export interface KindBreakdown {
  posts: number;
  averageInteractions: number | null;
  averageReach: number | null;
  averageViews: number | null;
  engagementRateByReach: number | null;
}

export interface TimeBucket {
  posts: number;
  /** Average interactions per post made in the bucket. */
  averageInteractions: number | null;
}

export const RANKINGS = ['engagementRate', 'reach', 'views', 'saves', 'shares'] as const;
export type Ranking = (typeof RANKINGS)[number];

export interface AnalyticsPayload {
  account: {
    id: string;
    username: string;
    name?: string;
    /** Our proxied URL of the profile picture, when the account has one. */
    profilePicture?: string;
    followers: number | null;
    follows: number | null;
    mediaCount: number | null;
    accountType?: string;
  };
  range: { since: string; until: string; timezone: string };
  generatedAt: string;
  /** Set when Instagram failed and this is the last good payload. */
  stale?: { ageSeconds: number; reason: string };
  /** Why some numbers are null. */
  notes: string[];
  totals: Totals;
  series: SeriesPoint[];
  monthly: MonthlyRollup[];
  mediaTypeBreakdown: Record<PostKind, KindBreakdown>;
  /** Monday = 0 … Sunday = 6, in the range's time zone. */
  weekdayBreakdown: (TimeBucket & { weekday: number })[];
  hourBreakdown: (TimeBucket & { hour: number })[];
  /** Weekday × hour, for the best-time-to-post heatmap: only cells with posts. */
  heatmap: (TimeBucket & { weekday: number; hour: number })[];
  topPosts: Record<Ranking, PostAnalytics[]>;
  posts: PostAnalytics[];
}
