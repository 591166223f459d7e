// The insights metric tables (developers.facebook.com/docs/instagram-platform/reference/instagram-media/insights
// and .../ig-user/insights). Titles and descriptions are the emulator's wording.

/** What the Media Insights API tells apart: feed posts (images, videos, carousels), reels and stories. */
export type MediaProduct = 'FEED' | 'REELS' | 'STORY';

export const MEDIA_METRICS = [
  'views',
  'reach',
  'likes',
  'comments',
  'shares',
  'saved',
  'total_interactions',
  'follows',
  'profile_visits',
  'profile_activity',
  'replies',
  'navigation',
  'ig_reels_avg_watch_time',
  'ig_reels_video_view_total_time',
  'reposts',
] as const;

export type MediaMetric = (typeof MEDIA_METRICS)[number];

export const MEDIA_BREAKDOWNS = ['action_type', 'story_navigation_action_type'] as const;
export type MediaBreakdown = (typeof MEDIA_BREAKDOWNS)[number];

export interface MetricText {
  title: string;
  description: string;
}

export interface MediaMetricSpec extends MetricText {
  products: readonly MediaProduct[];
  breakdown?: MediaBreakdown;
}

const ALL: readonly MediaProduct[] = ['FEED', 'REELS', 'STORY'];

export const MEDIA_METRIC_SPECS: Record<MediaMetric, MediaMetricSpec> = {
  views: {
    products: ALL,
    title: 'Views',
    description: 'The number of times the media was played or displayed.',
  },
  reach: {
    products: ALL,
    title: 'Accounts reached',
    description: 'The number of unique accounts that saw the media at least once.',
  },
  likes: {
    products: ['FEED', 'REELS'],
    title: 'Likes',
    description: 'The number of likes on the media.',
  },
  comments: {
    products: ['FEED', 'REELS'],
    title: 'Comments',
    description: 'The number of comments on the media.',
  },
  shares: { products: ALL, title: 'Shares', description: 'The number of shares of the media.' },
  saved: {
    products: ['FEED', 'REELS'],
    title: 'Saves',
    description: 'The number of saves of the media.',
  },
  total_interactions: {
    products: ALL,
    title: 'Interactions',
    description:
      'Likes, saves, comments and shares on the media, minus unlikes, unsaves and deleted comments.',
  },
  follows: {
    products: ['FEED', 'STORY'],
    title: 'Follows',
    description: 'The number of accounts that started following from the media.',
  },
  profile_visits: {
    products: ['FEED', 'STORY'],
    title: 'Profile visits',
    description: 'The number of visits to the profile from the media.',
  },
  profile_activity: {
    products: ['FEED', 'STORY'],
    breakdown: 'action_type',
    title: 'Profile activity',
    description: 'The number of actions taken on the profile after engaging with the media.',
  },
  replies: {
    products: ['STORY'],
    title: 'Replies',
    description: 'The number of replies to the story.',
  },
  navigation: {
    products: ['STORY'],
    breakdown: 'story_navigation_action_type',
    title: 'Navigation',
    description: 'Forward taps, back taps, exits and swipes to the next story.',
  },
  ig_reels_avg_watch_time: {
    products: ['REELS'],
    title: 'Average watch time',
    description: 'The average time the reel was played, in milliseconds.',
  },
  ig_reels_video_view_total_time: {
    products: ['REELS'],
    title: 'Watch time',
    description: 'The total time the reel was played, replays included, in milliseconds.',
  },
  reposts: {
    products: ['FEED', 'REELS'],
    title: 'Reposts',
    description: 'The number of reposts of the media.',
  },
};

/** Removed in Graph v22 (2025-01-21; all versions since 2025-04-21). */
export const REMOVED_IN_V22 = [
  'impressions',
  'plays',
  'clips_replays_count',
  'ig_reels_aggregated_all_plays_count',
] as const;

/** Removed earlier: `video_views` on 2025-01-08, the rest with v18 (2023-12-11). */
export const REMOVED_BEFORE_V22 = [
  'video_views',
  'engagement',
  'carousel_album_engagement',
  'carousel_album_impressions',
  'carousel_album_reach',
  'carousel_album_saved',
  'carousel_album_video_views',
  'taps_forward',
  'taps_back',
  'exits',
] as const;

/** The values of a breakdown dimension, in answer order, with the share of the total each one gets. */
export type BreakdownShares = readonly (readonly [value: string, weight: number])[];

// Media breakdown values come back lower-case, as in Meta's examples.
export const MEDIA_BREAKDOWN_SHARES: Record<MediaBreakdown, BreakdownShares> = {
  action_type: [
    ['bio_link_clicked', 4],
    ['call', 1],
    ['direction', 1],
    ['email', 1],
    ['other', 2],
    ['text', 1],
  ],
  story_navigation_action_type: [
    ['tap_forward', 6],
    ['tap_back', 1],
    ['tap_exit', 2],
    ['swipe_forward', 1],
  ],
};

/** The per-day account metrics a seed can give and the emulator derives. */
export const ACCOUNT_METRICS = [
  'reach',
  'follower_count',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'total_interactions',
  'accounts_engaged',
  'replies',
  'profile_views',
  'website_clicks',
  'follows_and_unfollows',
  'profile_links_taps',
] as const;

export type AccountDailyMetric = (typeof ACCOUNT_METRICS)[number];

export const METRIC_TYPES = ['time_series', 'total_value'] as const;
export type MetricType = (typeof METRIC_TYPES)[number];

/** Every period Graph knows; the emulator serves `day` only. */
export const PERIODS = ['day', 'week', 'days_28', 'month', 'lifetime', 'total_over_range'] as const;

export const ACCOUNT_BREAKDOWNS = [
  'media_product_type',
  'follow_type',
  'follower_type',
  'contact_button_type',
] as const;
export type AccountBreakdown = (typeof ACCOUNT_BREAKDOWNS)[number];

export interface AccountMetricSpec extends MetricText {
  metricTypes: readonly MetricType[];
  breakdowns: readonly AccountBreakdown[];
  /** Graph answers nothing for this metric on accounts with fewer than 100 followers. */
  needsFollowers?: boolean;
  /** Only days that ended within this many days of now have data. */
  historyDays?: number;
}

const TOTAL: readonly MetricType[] = ['total_value'];
const BY_PRODUCT: readonly AccountBreakdown[] = ['media_product_type'];

export const ACCOUNT_METRIC_SPECS: Record<AccountDailyMetric, AccountMetricSpec> = {
  reach: {
    metricTypes: ['time_series', 'total_value'],
    breakdowns: ['media_product_type', 'follow_type'],
    title: 'Accounts reached',
    description: 'The number of unique accounts that have seen your content, at least once.',
  },
  follower_count: {
    metricTypes: ['time_series'],
    breakdowns: [],
    needsFollowers: true,
    historyDays: 30,
    title: 'Follower Count',
    description: 'The number of accounts that started following you.',
  },
  views: {
    metricTypes: TOTAL,
    breakdowns: ['follower_type', 'media_product_type'],
    title: 'Views',
    description: 'The number of times your content was played or displayed.',
  },
  likes: {
    metricTypes: TOTAL,
    breakdowns: BY_PRODUCT,
    title: 'Likes',
    description: 'The number of likes on your content.',
  },
  comments: {
    metricTypes: TOTAL,
    breakdowns: BY_PRODUCT,
    title: 'Comments',
    description: 'The number of comments on your content.',
  },
  shares: {
    metricTypes: TOTAL,
    breakdowns: BY_PRODUCT,
    title: 'Shares',
    description: 'The number of shares of your content.',
  },
  saves: {
    metricTypes: TOTAL,
    breakdowns: BY_PRODUCT,
    title: 'Saves',
    description: 'The number of saves of your content.',
  },
  total_interactions: {
    metricTypes: TOTAL,
    breakdowns: BY_PRODUCT,
    title: 'Content interactions',
    description: 'Likes, saves, comments, shares and replies on your content.',
  },
  accounts_engaged: {
    metricTypes: TOTAL,
    breakdowns: [],
    title: 'Accounts engaged',
    description: 'The number of accounts that interacted with your content.',
  },
  replies: {
    metricTypes: TOTAL,
    breakdowns: [],
    title: 'Replies',
    description: 'The number of replies to your stories.',
  },
  profile_views: {
    metricTypes: TOTAL,
    breakdowns: [],
    title: 'Profile views',
    description: 'The number of times your profile was visited.',
  },
  website_clicks: {
    metricTypes: TOTAL,
    breakdowns: [],
    title: 'Website clicks',
    description: 'The number of taps on the website link in your profile.',
  },
  follows_and_unfollows: {
    metricTypes: TOTAL,
    breakdowns: ['follow_type'],
    needsFollowers: true,
    title: 'Follows and unfollows',
    description: 'The number of accounts that followed or unfollowed you.',
  },
  profile_links_taps: {
    metricTypes: TOTAL,
    breakdowns: ['contact_button_type'],
    title: 'Profile links taps',
    description: 'The number of taps on the links and contact buttons of your profile.',
  },
};

/** Account breakdown values, upper-case as in Meta's examples; ads (`AD`) are not emulated. */
export const ACCOUNT_BREAKDOWN_SHARES: Record<AccountBreakdown, BreakdownShares> = {
  media_product_type: [
    ['FEED', 10],
    ['REELS', 7],
    ['STORY', 3],
  ],
  follow_type: [
    ['FOLLOWER', 6],
    ['NON_FOLLOWER', 3],
    ['UNKNOWN', 1],
  ],
  follower_type: [
    ['FOLLOWER', 6],
    ['NON_FOLLOWER', 3],
    ['UNKNOWN', 1],
  ],
  contact_button_type: [
    ['BOOK_NOW', 1],
    ['CALL', 1],
    ['DIRECTION', 2],
    ['EMAIL', 1],
    ['INSTANT_EXPERIENCE', 1],
    ['TEXT', 1],
    ['UNDEFINED', 3],
  ],
};

export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
