import { formatInZone } from '../events/time-zone.ts';
import { csvTable } from './csv.ts';
import type { EventReport } from './event-report.ts';

const COLUMNS = [
  'event_id',
  'account',
  'id',
  'kind',
  'timestamp',
  'local_time',
  'permalink',
  'likes',
  'comments',
  'saves',
  'shares',
  'views',
  'reach',
  'interactions',
  'engagement_rate_by_reach',
  'engagement_rate_by_followers',
  'engagement_rate_by_views',
  'caption',
] as const;

/**
 * An event report's posts as CSV (RFC 4180): one row per post, oldest first, with its insights
 * and its three engagement rates; `local_time` is the post's time in the event's zone with its
 * offset (2026-04-29T21:40:00+02:00). Empty cells where Instagram has no data.
 */
export function eventReportCsv(report: EventReport): string {
  const { event } = report;
  return csvTable(
    COLUMNS,
    report.posts.map((post) => [
      event.id,
      post.username,
      post.id,
      post.kind,
      post.timestamp,
      formatInZone(Date.parse(post.timestamp), event.timezone),
      post.permalink,
      post.metrics.likes,
      post.metrics.comments,
      post.metrics.saves,
      post.metrics.shares,
      post.metrics.views,
      post.metrics.reach,
      post.interactions,
      post.engagementRate,
      post.engagementRateByFollowers,
      post.engagementRateByViews,
      post.caption,
    ]),
  );
}
