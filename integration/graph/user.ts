import type { GraphClient } from './client.ts';
import { GraphError } from './errors.ts';

/** Profile fields for the token's own account (Instagram Login, `graph.instagram.com`). */
export const ME_FIELDS =
  'user_id,username,name,account_type,profile_picture_url,followers_count,follows_count,media_count';

/** Profile fields for an IG user by id; `user_id` and `account_type` exist only on `/me`. */
export const USER_FIELDS =
  'id,username,name,profile_picture_url,followers_count,follows_count,media_count,biography,website';

/** An IG user as the API returns it. */
export interface GraphProfile {
  /** On `/me` with Instagram Login, an app-scoped id that may differ from `user_id`. */
  id: string;
  /** The IG professional account id (`/me` only); the one media and webhooks use. */
  user_id?: string;
  username: string;
  name?: string;
  /** `BUSINESS` or `MEDIA_CREATOR`. */
  account_type?: string;
  profile_picture_url?: string;
  followers_count?: number;
  follows_count?: number;
  media_count?: number;
  biography?: string;
  website?: string;
}

/** The token's account, with the id to use for `/{ig-user-id}/…` calls. */
export interface GraphMe {
  /** `user_id`, or `id` when the response has no `user_id`. */
  userId: string;
  username: string;
  accountType?: string;
  name?: string;
  profilePictureUrl?: string;
  mediaCount?: number;
  followersCount?: number;
  /** The response as returned. */
  profile: GraphProfile;
}

/** The token's own account (`GET /me`). */
export async function getMe(client: GraphClient, fields: string = ME_FIELDS): Promise<GraphMe> {
  const profile = unwrapProfile(await client.get<unknown>('/me', { fields }), '/me');
  return {
    userId: String(profile.user_id ?? profile.id),
    username: profile.username,
    accountType: profile.account_type,
    name: profile.name,
    profilePictureUrl: profile.profile_picture_url,
    mediaCount: profile.media_count,
    followersCount: profile.followers_count,
    profile,
  };
}

/**
 * The account by its id, as `getMe` returns it: what graph.facebook.com (Facebook Login) answers
 * for the account, where `/me` is the Facebook user or Page instead. No `account_type` there.
 */
export async function getMeById(client: GraphClient, userId: string): Promise<GraphMe> {
  const profile = await getUser(client, userId);
  return {
    userId: profile.id,
    username: profile.username,
    name: profile.name,
    profilePictureUrl: profile.profile_picture_url,
    mediaCount: profile.media_count,
    followersCount: profile.followers_count,
    profile,
  };
}

/** An IG user by id (`GET /{ig-user-id}`). */
export async function getUser(
  client: GraphClient,
  userId: string,
  fields: string = USER_FIELDS,
): Promise<GraphProfile> {
  const path = `/${encodeURIComponent(userId)}`;
  return unwrapProfile(await client.get<unknown>(path, { fields }), path);
}

// Meta's get-started page prints `/me` wrapped as `{"data":[{…}]}`; live responses are a plain object.
function unwrapProfile(body: unknown, path: string): GraphProfile {
  const candidate = isRecord(body) && Array.isArray(body.data) ? body.data[0] : body;
  const id = isRecord(candidate) ? (candidate.id ?? candidate.user_id) : undefined;
  if (!isRecord(candidate) || id === undefined) {
    throw new GraphError({
      category: 'bad_request',
      message: `GET ${path}: expected a profile with an id`,
      path,
    });
  }
  const profile: Record<string, unknown> = { ...candidate, id: String(id) };
  if (candidate.user_id !== undefined) profile.user_id = String(candidate.user_id);
  return profile as unknown as GraphProfile;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
