import { localParts } from './dates.ts';
import {
  POST_KINDS,
  RANKINGS,
  type AnalyticsPayload,
  type KindBreakdown,
  type MonthlyRollup,
  type PostAnalytics,
  type PostKind,
  type PostMetrics,
  type Ranking,
  type SeriesPoint,
  type TimeBucket,
  type Totals,
} from './payload.ts';

const TOP_POSTS = 5;
const SUMMED = [
  'likes',
  'comments',
  'saves',
  'shares',
  'views',
  'reach',
  'totalInteractions',
] as const;

/** What engagement counts for a post: Instagram's total_interactions, else the sum of what is known. */
export function interactionsOf(metrics: PostMetrics): number | null {
  if (metrics.totalInteractions !== null) return metrics.totalInteractions;
  const known = [metrics.likes, metrics.comments, metrics.saves, metrics.shares].filter(
    (value): value is number => value !== null,
  );
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
}

export const ratio = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole === 0 ? null : part / whole;

/** Σ of the non-null values; null when every value is null (no data is not zero). */
export function sum(values: (number | null | undefined)[]): number | null {
  const known = values.filter((value): value is number => typeof value === 'number');
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) : null;
}

function average(values: (number | null | undefined)[]): number | null {
  const known = values.filter((value): value is number => typeof value === 'number');
  return known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/** Σ interactions / Σ metric over the posts that have both. */
function pooledRate(posts: PostAnalytics[], metric: 'reach' | 'views'): number | null {
  const both = posts.filter((post) => post.interactions !== null && post.metrics[metric] !== null);
  return ratio(
    sum(both.map((post) => post.interactions)),
    sum(both.map((post) => post.metrics[metric])),
  );
}

/** Engagement rate by reach over several posts: Σ interactions / Σ reach over posts that have both. */
export const rateByReach = (posts: PostAnalytics[]) => pooledRate(posts, 'reach');

/** Engagement rate by views over several posts: Σ interactions / Σ views over posts that have both. */
export const rateByViews = (posts: PostAnalytics[]) => pooledRate(posts, 'views');

/** Engagement rate by followers: the average interactions per post / followers. */
export const rateByFollowers = (posts: PostAnalytics[], followers: number | null) =>
  ratio(average(posts.map((post) => post.interactions)), followers);

export function totals(posts: PostAnalytics[], followers: number | null): Totals {
  const sums = Object.fromEntries(
    SUMMED.map((key) => [key, sum(posts.map((post) => post.metrics[key]))]),
  ) as Record<(typeof SUMMED)[number], number | null>;
  const interactions = sum(posts.map((post) => post.interactions));
  const averages = Object.fromEntries(
    SUMMED.map((key) => [key, average(posts.map((post) => post.metrics[key]))]),
  );
  return {
    posts: posts.length,
    ...sums,
    interactions,
    engagementRateByReach: rateByReach(posts),
    engagementRateByFollowers: rateByFollowers(posts, followers),
    engagementRateByViews: rateByViews(posts),
    averagePerPost: {
      ...(averages as Record<(typeof SUMMED)[number], number | null>),
      interactions: average(posts.map((post) => post.interactions)),
    },
  };
}

export function monthly(
  posts: PostAnalytics[],
  months: string[],
  timeZone: string,
): MonthlyRollup[] {
  return months.map((month) => {
    const inMonth = posts.filter(
      (post) => localParts(Date.parse(post.timestamp), timeZone).month === month,
    );
    return {
      month,
      posts: inMonth.length,
      interactions: sum(inMonth.map((post) => post.interactions)),
      reach: sum(inMonth.map((post) => post.metrics.reach)),
      views: sum(inMonth.map((post) => post.metrics.views)),
      engagementRateByReach: rateByReach(inMonth),
    };
  });
}

export function kindBreakdown(posts: PostAnalytics[]): Record<PostKind, KindBreakdown> {
  return Object.fromEntries(
    POST_KINDS.map((kind) => {
      const ofKind = posts.filter((post) => post.kind === kind);
      return [
        kind,
        {
          posts: ofKind.length,
          averageInteractions: average(ofKind.map((post) => post.interactions)),
          averageReach: average(ofKind.map((post) => post.metrics.reach)),
          averageViews: average(ofKind.map((post) => post.metrics.views)),
          engagementRateByReach: rateByReach(ofKind),
        },
      ];
    }),
  ) as Record<PostKind, KindBreakdown>;
}

function bucket(posts: PostAnalytics[]): TimeBucket {
  return {
    posts: posts.length,
    averageInteractions: average(posts.map((post) => post.interactions)),
  };
}

/** Weekday, hour and weekday × hour buckets of the posts, in the range's time zone. */
export function timeBuckets(
  posts: PostAnalytics[],
  timeZone: string,
): Pick<AnalyticsPayload, 'weekdayBreakdown' | 'hourBreakdown' | 'heatmap'> {
  const placed = posts.map((post) => ({
    post,
    at: localParts(Date.parse(post.timestamp), timeZone),
  }));
  const where = (test: (at: ReturnType<typeof localParts>) => boolean) =>
    placed.filter(({ at }) => test(at)).map(({ post }) => post);
  const heatmap = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const cell = where((at) => at.weekday === weekday && at.hour === hour);
      if (cell.length > 0) heatmap.push({ weekday, hour, ...bucket(cell) });
    }
  }
  return {
    weekdayBreakdown: Array.from({ length: 7 }, (_, weekday) => ({
      weekday,
      ...bucket(where((at) => at.weekday === weekday)),
    })),
    hourBreakdown: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      ...bucket(where((at) => at.hour === hour)),
    })),
    heatmap,
  };
}

const RANK_VALUE: Record<Ranking, (post: PostAnalytics) => number | null | undefined> = {
  engagementRate: (post) => post.engagementRate,
  reach: (post) => post.metrics.reach,
  views: (post) => post.metrics.views,
  saves: (post) => post.metrics.saves,
  shares: (post) => post.metrics.shares,
};

/** The best 5 posts by each ranking; posts without the metric are left out, ties newest first. */
export function topPosts(posts: PostAnalytics[]): Record<Ranking, PostAnalytics[]> {
  return Object.fromEntries(
    RANKINGS.map((ranking) => {
      const value = RANK_VALUE[ranking];
      const ranked = posts
        .flatMap((post) => {
          const rank = value(post);
          return typeof rank === 'number' ? [{ post, rank }] : [];
        })
        .sort((a, b) => b.rank - a.rank || b.post.timestamp.localeCompare(a.post.timestamp))
        .map(({ post }) => post);
      return [ranking, ranked.slice(0, TOP_POSTS)];
    }),
  ) as Record<Ranking, PostAnalytics[]>;
}

/** Views of the posts published on each day of the series. */
export function withPostViews(
  series: SeriesPoint[],
  posts: PostAnalytics[],
  timeZone: string,
): SeriesPoint[] {
  return series.map((point) => {
    const published = posts.filter(
      (post) => localParts(Date.parse(post.timestamp), timeZone).date === point.date,
    );
    return {
      ...point,
      views: published.length > 0 ? sum(published.map((post) => post.metrics.views)) : 0,
    };
  });
}
