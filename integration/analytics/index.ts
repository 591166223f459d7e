export { AnalyticsService, type AnalyticsServiceOptions } from './analytics-service.ts';
export {
  AnalyticsInputError,
  parseAnalyticsQuery,
  type AnalyticsQuery,
  type AnalyticsSettings,
} from './analytics-query.ts';
export { PayloadCache, type CachedValue } from './payload-cache.ts';
export type * from './payload.ts';
export { POST_KINDS, RANKINGS } from './payload.ts';
export { postsCsv } from './posts-csv.ts';
export { addDays, localParts, type LocalParts } from './dates.ts';
export { placeholderPayload } from './placeholder.ts';
export {
  eventReport,
  EVENT_TOP_RANKINGS,
  type AccountPosts,
  type EventReport,
  type EventReportPost,
  type GuestPhotoCounts,
} from './event-report.ts';
export { eventReportCsv } from './event-report-csv.ts';
