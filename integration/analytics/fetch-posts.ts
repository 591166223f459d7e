import pLimit from 'p-limit';
import { GraphError, type GraphClient } from '../graph/index.ts';
import { graphTime } from './dates.ts';
import type { PostKind, PostMetrics } from './payload.ts';

/** A post of the range as read from Graph: its fields and its lifetime insights by metric name. */
export interface FetchedPost {
  id: string;
  kind: PostKind;
  timestamp: string;
  permalink?: string;
  caption?: string;
  metrics: PostMetrics;
}

interface ListedMedia {
  id: string;
  caption?: string;
  media_type: string;
  media_product_type?: string;
  permalink?: string;
  timestamp: string;
  like_count?: number;
  comments_count?: number;
  insights?: { data: InsightValue[] };
}
interface InsightValue {
  name: string;
  values?: { value: number }[];
}

// Valid for every feed post and reel (graph-api.md §4.1), so one field expansion serves a whole page.
const FEED_METRICS = [
  'views',
  'reach',
  'likes',
  'comments',
  'shares',
  'saved',
  'total_interactions',
];
const STORY_METRICS = ['views', 'reach', 'shares', 'total_interactions'];
const FIELDS =
  'id,caption,media_type,media_product_type,permalink,timestamp,like_count,comments_count';
const CONCURRENCY = 4;

export interface FetchPostsResult {
  posts: FetchedPost[];
  notes: string[];
}

/**
 * The account's posts and live stories (unless `stories: false`) made in [sinceMs, untilMs),
 * with their insights: one media-list request per 100 posts with the insights expanded in it,
 * one multi-get per 50 reels for their watch time; per-post requests (4 at a time) only when a
 * page refuses a metric for one of its posts.
 */
export async function fetchPosts(
  client: GraphClient,
  userId: string,
  sinceMs: number,
  untilMs: number,
  { stories: withStories = true }: { stories?: boolean } = {},
): Promise<FetchPostsResult> {
  const notes: string[] = [];
  const inRange = (media: ListedMedia) =>
    graphTime(media.timestamp) >= sinceMs && graphTime(media.timestamp) < untilMs;
  const range = { since: Math.floor(sinceMs / 1000), until: Math.floor(untilMs / 1000) };
  const feed = await listWithInsights(client, `/${userId}/media`, FEED_METRICS, range, notes);
  const stories = withStories
    ? await listWithInsights(client, `/${userId}/stories`, STORY_METRICS, {}, notes)
    : [];
  const posts = [...feed, ...stories]
    .filter(({ media }) => inRange(media))
    .map(({ media, insights }) => toPost(media, insights));
  await addWatchTimes(client, posts, notes);
  return { posts: posts.sort((a, b) => b.timestamp.localeCompare(a.timestamp)), notes };
}

type Insights = Map<string, number> | undefined;

async function listWithInsights(
  client: GraphClient,
  path: string,
  metrics: string[],
  range: { since?: number; until?: number },
  notes: string[],
): Promise<{ media: ListedMedia; insights: Insights }[]> {
  try {
    const media = await readAll(client, path, {
      fields: `${FIELDS},insights.metric(${metrics.join(',')})`,
      ...range,
    });
    return media.map((item) => ({ media: item, insights: insightsMap(item.insights?.data) }));
  } catch (error) {
    if (!refusedMetric(error)) throw error;
    // One post refused a metric, which fails the whole page: read the list plainly, then each post.
    const media = await readAll(client, path, { fields: FIELDS, ...range });
    const limit = pLimit(CONCURRENCY);
    return Promise.all(
      media.map((item) =>
        limit(async () => ({
          media: item,
          insights: await insightsOf(client, item, metrics, notes),
        })),
      ),
    );
  }
}

async function readAll(
  client: GraphClient,
  path: string,
  params: Record<string, string | number | undefined>,
): Promise<ListedMedia[]> {
  const media: ListedMedia[] = [];
  for await (const page of client.paginate<ListedMedia>(path, { limit: 100, ...params }))
    media.push(...page);
  return media;
}

/** One post's insights; a refused `shares` is asked again without it, other refusals leave no data. */
async function insightsOf(
  client: GraphClient,
  media: ListedMedia,
  metrics: string[],
  notes: string[],
): Promise<Insights> {
  try {
    const answer = await client.get<{ data: InsightValue[] }>(`/${media.id}/insights`, {
      metric: metrics.join(','),
    });
    return insightsMap(answer.data);
  } catch (error) {
    if (!refusedMetric(error)) throw error;
    if (metrics.includes('shares') && /\bshares\b/.test((error as GraphError).message)) {
      return insightsOf(
        client,
        media,
        metrics.filter((metric) => metric !== 'shares'),
        notes,
      );
    }
    notes.push(
      `Instagram shows no insights for post ${media.id}: ${(error as GraphError).message}`,
    );
    return undefined;
  }
}

/** Graph takes up to 50 ids in one multi-get (graph-api.md §3.3). */
const IDS_PER_REQUEST = 50;
const WATCH_TIME = 'ig_reels_avg_watch_time';

/**
 * The reels' average watch time, a metric images refuse (so it cannot ride on the media list):
 * one multi-get (`?ids=`) per 50 reels with the metric expanded; when Instagram refuses that
 * request (one reel without the metric fails it whole), the group is asked reel by reel.
 */
async function addWatchTimes(
  client: GraphClient,
  posts: FetchedPost[],
  notes: string[],
): Promise<void> {
  const reels = posts.filter((post) => post.kind === 'reel');
  const limit = pLimit(CONCURRENCY);
  await Promise.all(
    chunks(reels, IDS_PER_REQUEST).map((group) =>
      limit(async () => {
        const watchTimes = await watchTimesOf(client, group, notes);
        for (const reel of group) {
          const ms = watchTimes.get(reel.id)?.get(WATCH_TIME);
          reel.metrics.avgWatchTimeSeconds = ms === undefined ? null : ms / 1000;
        }
      }),
    ),
  );
}

async function watchTimesOf(
  client: GraphClient,
  reels: FetchedPost[],
  notes: string[],
): Promise<Map<string, Insights>> {
  try {
    const answer = await client.get<Record<string, ListedMedia | undefined>>('/', {
      ids: reels.map((reel) => reel.id).join(','),
      fields: `insights.metric(${WATCH_TIME})`,
    });
    return new Map(reels.map((reel) => [reel.id, insightsMap(answer[reel.id]?.insights?.data)]));
  } catch (error) {
    // Multi-get with insights is UNCONFIRMED on graph.instagram.com: whatever it refuses is asked reel by reel.
    if (!refusedMetric(error) && !(error instanceof GraphError && error.category === 'bad_request'))
      throw error;
    const limit = pLimit(CONCURRENCY);
    const each = await Promise.all(
      reels.map((reel) =>
        limit(async () => {
          const media = { id: reel.id } as ListedMedia;
          return [reel.id, await insightsOf(client, media, [WATCH_TIME], notes)] as const;
        }),
      ),
    );
    return new Map(each);
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
}

function refusedMetric(error: unknown): error is GraphError {
  return (
    error instanceof GraphError && (error.code === 100 || error.code === 10) && error.status === 400
  );
}

function insightsMap(data: InsightValue[] | undefined): Insights {
  if (!data) return undefined;
  const values = new Map<string, number>();
  for (const entry of data) {
    const value = entry.values?.[0]?.value;
    if (typeof value === 'number') values.set(entry.name, value);
  }
  return values;
}

function kindOf(media: ListedMedia): PostKind {
  if (media.media_product_type === 'STORY') return 'story';
  if (media.media_type === 'CAROUSEL_ALBUM') return 'carousel';
  // Every video published since 2022 is a reel; older feed videos count with them.
  return media.media_type === 'VIDEO' || media.media_product_type === 'REELS' ? 'reel' : 'image';
}

function toPost(media: ListedMedia, insights: Insights): FetchedPost {
  const kind = kindOf(media);
  const metric = (name: string) => insights?.get(name) ?? null;
  const story = kind === 'story';
  const metrics: PostMetrics = {
    likes: story ? null : (metric('likes') ?? media.like_count ?? null),
    comments: story ? null : (metric('comments') ?? media.comments_count ?? null),
    saves: metric('saved'),
    shares: metric('shares'),
    views: metric('views'),
    reach: metric('reach'),
    totalInteractions: metric('total_interactions'),
  };
  return {
    id: media.id,
    kind,
    timestamp: new Date(graphTime(media.timestamp)).toISOString(),
    ...(media.permalink && { permalink: media.permalink }),
    ...(media.caption && { caption: media.caption }),
    metrics,
  };
}
