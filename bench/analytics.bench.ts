/**
 * `npm run bench:analytics`: a year of 500 posts against the emulator, which answers every Graph
 * request after a fixed latency. Our payload (insights expanded into the media list, one
 * account-insights request per 30 days) versus a naive client (one insights request per post,
 * one account-insights request per day), both 4 requests at a time: Graph requests and wall
 * time as ratios measured in one run; then the cached answer versus the cold one.
 */
import pLimit from 'p-limit';
import { addDays, localParts } from '../integration/analytics/dates.ts';
import { AnalyticsService } from '../integration/analytics/index.ts';
import { startEmulator, type Seed, type SeedMedia } from '../integration/emulator/index.ts';
import { GraphClient } from '../integration/graph/index.ts';

const LATENCY_MS = 20;
const POSTS = 500;
const USER = '17841400000000099';
const TOKEN = 'bench-analytics-token';
const now = Date.now();
const YEAR_MS = 364 * 86_400_000;

function post(index: number): SeedMedia {
  const kind = index % 3; // images, carousels and reels in turn
  const id = String(17900000000100000n + BigInt(index));
  return {
    id,
    mediaType: kind === 0 ? 'IMAGE' : kind === 1 ? 'CAROUSEL_ALBUM' : 'VIDEO',
    productType: kind === 2 ? 'REELS' : 'FEED',
    timestamp: new Date(now - Math.floor(((index + 0.5) / POSTS) * YEAR_MS)).toISOString(),
    width: 1080,
    height: 1350,
    likeCount: 50 + (index % 400),
    commentsCount: index % 40,
    shortcode: `Bench${index}`,
    ...(kind === 1 && {
      children: [
        { id: `${id}1`, mediaType: 'IMAGE' as const, width: 1080, height: 1080 },
        { id: `${id}2`, mediaType: 'IMAGE' as const, width: 1080, height: 1080 },
      ],
    }),
  };
}

const seed: Seed = {
  accounts: [
    {
      userId: USER,
      appScopedId: '9999999999999990',
      username: 'bench.account',
      name: 'Bench',
      accountType: 'BUSINESS',
      biography: '',
      website: '',
      followersCount: 25_000,
      followsCount: 100,
      callBudgetPerHour: 1_000_000,
      tokens: [{ token: TOKEN, expiresAt: '2099-01-01T00:00:00Z' }],
      media: Array.from({ length: POSTS }, (_, index) => post(index)),
    },
  ],
};

const emulator = await startEmulator({ seed, latencyMs: LATENCY_MS });
const client = new GraphClient({ baseUrl: emulator.graphBase, accessToken: TOKEN });
const until = localParts(now, 'UTC').date;
const since = addDays(until, -364);
const requests = () => emulator.control.counts().total;

async function measure(run: () => Promise<unknown>) {
  const before = requests();
  const started = performance.now();
  await run();
  return { ms: performance.now() - started, requests: requests() - before };
}

const service = new AnalyticsService({
  clientFor: async () => client,
  defaultAccount: async () => USER,
  settings: { timeZone: 'UTC', maxDays: 366 },
});
const query = new URLSearchParams({ account: USER, since, until });
const ours = await measure(() => service.payload(query));
const cached = await measure(() => service.payload(query));

/** What a first attempt looks like: list the posts, then ask for each post and each day on its own. */
async function naive(): Promise<void> {
  const limit = pLimit(4);
  const posts: { id: string; media_product_type: string }[] = [];
  for await (const page of client.paginate<{ id: string; media_product_type: string }>(
    `/${USER}/media`,
    { fields: 'id,media_type,media_product_type,timestamp,like_count,comments_count' },
  ))
    posts.push(...page);
  await Promise.all(
    posts.map((media) =>
      limit(() =>
        client.get(`/${media.id}/insights`, {
          metric:
            media.media_product_type === 'REELS'
              ? 'views,reach,likes,comments,shares,saved,total_interactions,ig_reels_avg_watch_time'
              : 'views,reach,likes,comments,shares,saved,total_interactions',
        }),
      ),
    ),
  );
  const days = Array.from({ length: 365 }, (_, index) => addDays(since, index));
  await Promise.all(
    days.map((day) =>
      limit(() =>
        client.get(`/${USER}/insights`, {
          metric: 'reach',
          period: 'day',
          metric_type: 'time_series',
          since: Date.parse(`${day}T08:00:00Z`) / 1000,
          until: Date.parse(`${addDays(day, 1)}T08:00:00Z`) / 1000,
        }),
      ),
    ),
  );
}
const naiveRun = await measure(naive);

await client.close();
await emulator.close();

console.log(
  `\n${POSTS} posts over a year (emulator latency ${LATENCY_MS} ms per request, 4 requests at a time)\n`,
);
console.table({
  'ours (cold)': { 'Graph requests': ours.requests, 'wall time (s)': +(ours.ms / 1000).toFixed(2) },
  'ours (cached)': {
    'Graph requests': cached.requests,
    'wall time (s)': +(cached.ms / 1000).toFixed(4),
  },
  'naive client': {
    'Graph requests': naiveRun.requests,
    'wall time (s)': +(naiveRun.ms / 1000).toFixed(2),
  },
});
console.log(
  `naive / ours: ${(naiveRun.requests / ours.requests).toFixed(1)}× the Graph requests, ${(naiveRun.ms / ours.ms).toFixed(1)}× the wall time`,
);
console.log(`cold / cached response time: ${(ours.ms / cached.ms).toFixed(0)}×`);
