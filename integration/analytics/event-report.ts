import type { GalleryEvent } from '../events/event-file.ts';
import { postMatchesEvent } from '../events/match-window.ts';
import { rateByReach, rateByViews, ratio, sum, topPosts } from './compute.ts';
import type { PostAnalytics, Ranking } from './payload.ts';

/** One account's posts of a time span with their insights (AnalyticsService.postsBetween). */
export interface AccountPosts {
  account: { id: string; username: string; followers: number | null };
  posts: PostAnalytics[];
  notes: string[];
  generatedAt: string;
  /** Set when Instagram failed and these are the last good numbers. */
  stale?: { ageSeconds: number; reason: string };
}

/** An event's guest photos by moderation state; `uploaded` counts each photo once, whatever its state. */
export interface GuestPhotoCounts {
  uploaded: number;
  approved: number;
  rejected: number;
  pending: number;
}

export interface EventReportPost extends PostAnalytics {
  username: string;
  /** interactions / the followers of the post's account. */
  engagementRateByFollowers: number | null;
}

/** The rankings an event report shows as its top items. */
export const EVENT_TOP_RANKINGS = ['engagementRate', 'reach', 'views'] as const satisfies Ranking[];
const TOP_ITEMS = 3;

export interface EventReport {
  event: Pick<
    GalleryEvent,
    'id' | 'title' | 'timezone' | 'startUtc' | 'endUtc' | 'window' | 'visibility'
  >;
  generatedAt: string;
  accounts: AccountPosts['account'][];
  /** The posts the event's gallery shows (its window and filters), oldest first. */
  posts: EventReportPost[];
  totals: {
    posts: number;
    likes: number | null;
    comments: number | null;
    saves: number | null;
    shares: number | null;
    reach: number | null;
    views: number | null;
    interactions: number | null;
    /** Σ interactions / Σ reach, over the posts that have both. */
    engagementRateByReach: number | null;
    /** The average over the posts of interactions / their account's followers. */
    engagementRateByFollowers: number | null;
    /** Σ interactions / Σ views, over the posts that have both. */
    engagementRateByViews: number | null;
  };
  guestPhotos: GuestPhotoCounts;
  /** The best posts by engagement rate (by reach), reach and views; posts without the number left out. */
  top: Record<(typeof EVENT_TOP_RANKINGS)[number], EventReportPost[]>;
  notes: string[];
  stale?: { ageSeconds: number; reason: string };
}

/**
 * An event's report from what each account posted in its window and its guest photo counts:
 * the posts are those its gallery shows (`postMatchesEvent`: the window, the `account` and
 * `hashtags` filters), each with its three engagement rates, and the event's totals.
 */
export function eventReport(
  event: GalleryEvent,
  sources: AccountPosts[],
  guestPhotos: GuestPhotoCounts,
  now = Date.now(),
): EventReport {
  const posts = sources
    .flatMap(({ account, posts: all }) =>
      all
        .filter((post) =>
          postMatchesEvent({ ...post, username: account.username, ownerId: account.id }, event),
        )
        .map((post) => ({
          ...post,
          username: account.username,
          engagementRateByFollowers: ratio(post.interactions, account.followers),
        })),
    )
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.id.localeCompare(b.id));
  const ranked = topPosts(posts);
  const stale = sources.find((source) => source.stale)?.stale;
  const followerRates = posts
    .map((post) => post.engagementRateByFollowers)
    .filter((rate) => rate !== null);
  return {
    event: {
      id: event.id,
      title: event.title,
      timezone: event.timezone,
      startUtc: event.startUtc,
      endUtc: event.endUtc,
      window: event.window,
      visibility: event.visibility,
    },
    // The numbers are as old as the oldest account's (each is cached on its own).
    generatedAt:
      sources.map((source) => source.generatedAt).sort()[0] ?? new Date(now).toISOString(),
    accounts: sources.map((source) => source.account),
    posts,
    totals: {
      posts: posts.length,
      likes: sum(posts.map((post) => post.metrics.likes)),
      comments: sum(posts.map((post) => post.metrics.comments)),
      saves: sum(posts.map((post) => post.metrics.saves)),
      shares: sum(posts.map((post) => post.metrics.shares)),
      reach: sum(posts.map((post) => post.metrics.reach)),
      views: sum(posts.map((post) => post.metrics.views)),
      interactions: sum(posts.map((post) => post.interactions)),
      engagementRateByReach: rateByReach(posts),
      engagementRateByFollowers: ratio(sum(followerRates), followerRates.length || null),
      engagementRateByViews: rateByViews(posts),
    },
    guestPhotos,
    top: Object.fromEntries(
      EVENT_TOP_RANKINGS.map((ranking) => [
        ranking,
        (ranked[ranking] as EventReportPost[]).slice(0, TOP_ITEMS),
      ]),
    ) as EventReport['top'],
    notes: sources.flatMap((source) => source.notes),
    ...(stale && { stale }),
  };
}
