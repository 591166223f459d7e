import { parseTimeParam } from '../core/dates.ts';
import { GraphError, invalidParameter } from '../core/errors.ts';
import { publishingLimit, QUOTA_DURATION_SECONDS, quotaUsage } from './publishing-quota.ts';
import type { GraphCall } from '../http/graph-call.ts';
import { publishingAccount } from './publishing-access.ts';

/**
 * `GET /{ig-user-id}/content_publishing_limit`: `{"data": [{"quota_usage", "config"}]}`. Without
 * `fields`, only `quota_usage`; other fields old samples ask for (`rate_limit_settings`) are ignored.
 */
export function publishingLimitRoute(call: GraphCall): unknown {
  const account = publishingAccount(call);
  const nowMs = call.clock.now();
  const wanted = new Set((call.fields ?? []).map((field) => field.name));
  if (!wanted.has('config')) wanted.add('quota_usage');
  const entry: Record<string, unknown> = {};
  if (wanted.has('quota_usage'))
    entry.quota_usage = quotaUsage(call.publishing, account, nowMs, readSince(call.query));
  if (wanted.has('config')) {
    entry.config = {
      quota_total: publishingLimit(call.publishing, account),
      quota_duration: QUOTA_DURATION_SECONDS,
    };
  }
  return { data: [entry] };
}

/** `since` (unix seconds or a date) narrows the count; the window never reaches back past 24 hours. */
function readSince(query: URLSearchParams): number | undefined {
  const raw = query.get('since');
  if (raw === null || raw === '') return undefined;
  const ms = parseTimeParam(raw);
  if (Number.isNaN(ms))
    throw new GraphError(
      invalidParameter('The parameter since must be a unix timestamp or a date string'),
    );
  return ms;
}
