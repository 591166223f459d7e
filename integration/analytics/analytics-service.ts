import { getMe, getMeById, redact, type GraphClient, type GraphMe } from '../graph/index.ts';
import {
  AnalyticsInputError,
  parseAnalyticsQuery,
  type AnalyticsQuery,
  type AnalyticsSettings,
} from './analytics-query.ts';
import {
  interactionsOf,
  kindBreakdown,
  monthly,
  ratio,
  timeBuckets,
  topPosts,
  totals,
  withPostViews,
} from './compute.ts';
import { addDays, datesBetween, startOfDay } from './dates.ts';
import { fetchPosts, type FetchedPost } from './fetch-posts.ts';
import { fetchSeries } from './fetch-series.ts';
import { PayloadCache, type CachedValue } from './payload-cache.ts';
import type { AnalyticsPayload, PostAnalytics } from './payload.ts';
import type { AccountPosts } from './event-report.ts';

export interface AnalyticsServiceOptions {
  /** A Graph client with the account's token; undefined when it is not connected. */
  clientFor: (accountId: string) => Promise<GraphClient | undefined>;
  /** How the account was connected; default Instagram Login. */
  loginFlavourOf?: (accountId: string) => Promise<'instagram' | 'facebook' | undefined>;
  /** The account to show when the request names none. */
  defaultAccount: () => Promise<string | undefined>;
  settings: AnalyticsSettings;
  now?: () => number;
  cache?: PayloadCache<AnalyticsPayload>;
  /** The cache of `postsBetween` (event reports). */
  postsCache?: PayloadCache<AccountPosts>;
}

/** The analytics payload of an account and range: computed from a few Graph requests, cached 5 minutes. */
export class AnalyticsService {
  readonly #options: AnalyticsServiceOptions;
  readonly #cache: PayloadCache<AnalyticsPayload>;
  readonly #postsCache: PayloadCache<AccountPosts>;
  /** How many payloads were computed (not served from the cache): for tests and logs. */
  computations = 0;

  constructor(options: AnalyticsServiceOptions) {
    this.#options = options;
    this.#cache = options.cache ?? new PayloadCache({ now: options.now });
    this.#postsCache = options.postsCache ?? new PayloadCache({ now: options.now });
  }

  /**
   * The account's feed posts made in [fromMs, toMs] (both included) with their insights, and its
   * followers: what an event report needs of one account. The profile, one media-list request
   * per 100 posts with the insights expanded, one watch-time multi-get per 50 reels: never a
   * request per post unless Instagram refuses a metric. Cached 5 minutes like the payload, with
   * the last good answer (and `stale`) when Instagram fails.
   */
  async postsBetween(
    account: string,
    fromMs: number,
    toMs: number,
    { fresh = false }: { fresh?: boolean } = {},
  ): Promise<AccountPosts> {
    const client = await this.#options.clientFor(account);
    if (!client)
      throw new AnalyticsInputError(
        'account',
        `Account ${account} is not connected: connect it in /admin.`,
      );
    const key = ['posts', account, fromMs, toMs].join('|');
    const cached = await this.#postsCache.load(
      key,
      async () => {
        this.computations++;
        const [profile, fetched] = await Promise.all([
          this.#profile(client, account),
          fetchPosts(client, account, fromMs, toMs + 1, { stories: false }),
        ]);
        return {
          account: {
            id: account,
            username: profile.username,
            followers: profile.followersCount ?? null,
          },
          posts: fetched.posts.map((post) => analysed(post, account)),
          notes: fetched.notes,
          generatedAt: new Date(this.#options.now?.() ?? Date.now()).toISOString(),
        };
      },
      { fresh },
    );
    return withStale(cached, this.#options.now?.() ?? Date.now());
  }

  async payload(params: URLSearchParams): Promise<AnalyticsPayload> {
    const now = this.#options.now?.() ?? Date.now();
    const query = parseAnalyticsQuery(params, this.#options.settings, now);
    const account = query.account ?? (await this.#options.defaultAccount());
    if (!account)
      throw new AnalyticsInputError(
        'account',
        'No Instagram account is connected: connect one in /admin.',
      );
    const client = await this.#options.clientFor(account);
    if (!client)
      throw new AnalyticsInputError(
        'account',
        `Account ${account} is not connected: connect it in /admin, or pick a connected one.`,
      );
    const key = [account, query.since, query.until, this.#options.settings.timeZone].join('|');
    const cached = await this.#cache.load(key, () => this.#compute(client, account, query), {
      fresh: query.fresh,
    });
    return withStale(cached, now);
  }

  /**
   * The account's profile: `/me` with Instagram Login; by id with Facebook Login, where `/me` is
   * the Facebook user or Page.
   */
  async #profile(client: GraphClient, account: string): Promise<GraphMe> {
    const flavour = await this.#options.loginFlavourOf?.(account);
    return flavour === 'facebook' ? getMeById(client, account) : getMe(client);
  }

  async #compute(
    client: GraphClient,
    account: string,
    query: AnalyticsQuery,
  ): Promise<AnalyticsPayload> {
    this.computations++;
    const now = this.#options.now?.() ?? Date.now();
    const { timeZone } = this.#options.settings;
    const [profile, fetched, daily] = await Promise.all([
      this.#profile(client, account),
      fetchPosts(
        client,
        account,
        startOfDay(query.since, timeZone),
        startOfDay(addDays(query.until, 1), timeZone),
      ),
      fetchSeries(client, account, query.since, query.until, now),
    ]);
    const followers = profile.followersCount ?? null;
    const posts = fetched.posts.map((post) => analysed(post, account));
    const months = [
      ...new Set(datesBetween(query.since, query.until).map((date) => date.slice(0, 7))),
    ];
    const notes = [...fetched.notes, ...daily.notes];
    if (followers !== null && followers < 100)
      notes.push(
        `The account has ${followers} followers; Instagram gives follower metrics only from 100 followers.`,
      );
    return {
      account: {
        id: account,
        username: profile.username,
        ...(profile.name && { name: profile.name }),
        ...(profile.profilePictureUrl && {
          profilePicture: `/api/instagram/analytics/picture?account=${account}`,
        }),
        followers,
        follows: profile.profile.follows_count ?? null,
        mediaCount: profile.mediaCount ?? null,
        ...(profile.accountType && { accountType: profile.accountType }),
      },
      range: { since: query.since, until: query.until, timezone: timeZone },
      generatedAt: new Date(now).toISOString(),
      notes,
      totals: totals(posts, followers),
      series: withPostViews(daily.series, posts, timeZone),
      monthly: monthly(posts, months, timeZone),
      mediaTypeBreakdown: kindBreakdown(posts),
      ...timeBuckets(posts, timeZone),
      topPosts: topPosts(posts),
      posts,
    };
  }
}

/** The cached value, with `stale` (its age, and why computing failed) when it is the last good one. */
function withStale<T extends { stale?: { ageSeconds: number; reason: string } }>(
  cached: CachedValue<T>,
  now: number,
): T {
  if (!cached.failure) return cached.value;
  const reason = redact(
    cached.failure instanceof Error ? cached.failure.message : String(cached.failure),
  );
  return {
    ...cached.value,
    stale: { ageSeconds: Math.round((now - cached.storedAt) / 1000), reason },
  };
}

function analysed(post: FetchedPost, account: string): PostAnalytics {
  const interactions = interactionsOf(post.metrics);
  return {
    ...post,
    thumbnail: `/api/publish/thumbnail?account=${account}&media=${post.id}`,
    interactions,
    engagementRate: ratio(interactions, post.metrics.reach),
    engagementRateByViews: ratio(interactions, post.metrics.views),
  };
}
