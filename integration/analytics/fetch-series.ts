import type { GraphClient } from '../graph/index.ts';
import { addDays, datesBetween, instagramDay, startOfDay, thirtyDayChunks } from './dates.ts';
import type { SeriesPoint } from './payload.ts';

const PACIFIC = 'America/Los_Angeles';
const FOLLOWER_DAYS = 30;

interface SeriesAnswer {
  data: { name: string; values?: { value: number; end_time: string }[] }[];
}

/**
 * Daily account reach and new followers for Instagram's days `since`…`until`: one
 * time_series request per 30 days (the most Instagram takes), stitched by day. Instagram keeps
 * `follower_count` for the last 30 days only, so older chunks do not ask for it and those days
 * stay null, as do days Instagram answers nothing for.
 */
export async function fetchSeries(
  client: GraphClient,
  userId: string,
  since: string,
  until: string,
  now: number,
): Promise<{ series: SeriesPoint[]; notes: string[] }> {
  // Instagram's days end at Pacific midnight, and it answers the days whose end is in (since, until].
  const from = startOfDay(since, PACIFIC) / 1000;
  const to = startOfDay(addDays(until, 1), PACIFIC) / 1000;
  const followersFrom = now / 1000 - FOLLOWER_DAYS * 86_400;
  const reach = new Map<string, number>();
  const followers = new Map<string, number>();
  for (const chunk of thirtyDayChunks(from, to)) {
    const metrics = chunk.until > followersFrom ? 'reach,follower_count' : 'reach';
    const answer = await client.get<SeriesAnswer>(`/${userId}/insights`, {
      metric: metrics,
      period: 'day',
      metric_type: 'time_series',
      since: chunk.since,
      until: chunk.until,
    });
    for (const entry of answer.data) {
      const into =
        entry.name === 'reach' ? reach : entry.name === 'follower_count' ? followers : undefined;
      for (const value of entry.values ?? []) into?.set(instagramDay(value.end_time), value.value);
    }
  }
  const series = datesBetween(since, until).map((date) => ({
    date,
    reach: reach.get(date) ?? null,
    views: null,
    followerCount: followers.get(date) ?? null,
  }));
  return {
    series,
    notes: seriesNotes(series, followers.size, startOfDay(since, PACIFIC) < followersFrom * 1000),
  };
}

function seriesNotes(
  series: SeriesPoint[],
  followerDays: number,
  olderThan30Days: boolean,
): string[] {
  const notes: string[] = [];
  if (olderThan30Days)
    notes.push(
      'New followers per day (follower_count) are kept by Instagram for the last 30 days only; older days show no value.',
    );
  if (followerDays === 0)
    notes.push(
      'Instagram gives no follower_count for this range (accounts with fewer than 100 followers get none).',
    );
  if (series.some((point) => point.reach === null))
    notes.push('Instagram has no reach for some days (data can lag up to 48 hours).');
  return notes;
}
