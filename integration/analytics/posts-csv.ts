import { csvTable } from './csv.ts';
import type { AnalyticsPayload } from './payload.ts';

const COLUMNS = [
  'id',
  'kind',
  'timestamp',
  'permalink',
  'likes',
  'comments',
  'saves',
  'shares',
  'views',
  'reach',
  'total_interactions',
  'interactions',
  'engagement_rate',
  'engagement_rate_by_views',
  'avg_watch_time_seconds',
  'caption',
];

/** The posts table as CSV (RFC 4180): one row per post; empty cells where Instagram has no data. */
export function postsCsv(payload: AnalyticsPayload): string {
  const rows = payload.posts.map((post) => [
    post.id,
    post.kind,
    post.timestamp,
    post.permalink,
    post.metrics.likes,
    post.metrics.comments,
    post.metrics.saves,
    post.metrics.shares,
    post.metrics.views,
    post.metrics.reach,
    post.metrics.totalInteractions,
    post.interactions,
    post.engagementRate,
    post.engagementRateByViews,
    post.metrics.avgWatchTimeSeconds,
    post.caption,
  ]);
  return csvTable(COLUMNS, rows);
}
