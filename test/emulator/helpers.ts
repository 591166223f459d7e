import { request } from 'undici';
import type { RunningEmulator } from '../../integration/emulator/index.ts';

/**
 * The emulator's JSON as the tests read it: each field typed as it is when the request asks for
 * it (a test that expects a field to be missing asserts that). A test that needs an exact shape
 * passes its own type.
 */
export interface GraphNode {
  id: string;
  media_type: string;
  media_product_type: string;
  media_url: string;
  thumbnail_url: string;
  permalink: string;
  shortcode: string;
  timestamp: string;
  username: string;
  caption: string;
  alt_text: string;
  like_count: number;
  comments_count: number;
  is_comment_enabled: boolean;
  is_shared_to_feed: boolean;
  profile_picture_url: string;
  children: GraphList;
  insights: GraphList;
  /** Insight results */
  name: string;
  period: string;
  values: { value: number; end_time?: string }[];
  total_value: InsightTotal;
  /** Publishing limit */
  quota_usage: number;
  config: { quota_total: number; quota_duration: number };
}

export interface InsightTotal {
  value: number;
  breakdowns: {
    dimension_keys: string[];
    results: { dimension_values: string[]; value: number }[];
  }[];
}

export interface GraphList {
  data: GraphNode[];
  paging: { next: string; previous: string; cursors: { before: string; after: string } };
}

/** A Graph API error envelope's `error`. */
export interface GraphErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
}

/** Any answer: an object's fields, a list, an error, or a token. */
export interface GraphBody extends GraphNode, GraphList {
  error: GraphErrorBody;
  media: GraphList;
  media_count: number;
  access_token: string;
  token_type: string;
  expires_in: number;
  user_id: string;
}

export interface JsonAnswer<T = GraphBody> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

/** GET a URL and parse the JSON body (as a real Graph client would). */
export async function getJson<T = GraphBody>(
  url: string,
  headers: Record<string, string> = {},
): Promise<JsonAnswer<T>> {
  const answer = await request(url, { headers });
  const text = await answer.body.text();
  return { status: answer.statusCode, headers: answer.headers, body: JSON.parse(text) as T };
}

/** A Graph URL on the emulator: `graph(emulator, '/me/media', { fields: 'id' })`, with the demo token unless given. */
export function graph(
  emulator: RunningEmulator,
  path: string,
  query: Record<string, string | number> = {},
): string {
  const params = new URLSearchParams({ access_token: emulator.demoToken });
  for (const [name, value] of Object.entries(query)) params.set(name, String(value));
  return `${emulator.graphBase}${path}?${params}`;
}

export async function getGraph<T = GraphBody>(
  emulator: RunningEmulator,
  path: string,
  query: Record<string, string | number> = {},
): Promise<JsonAnswer<T>> {
  return getJson<T>(graph(emulator, path, query));
}

export const ALL_MEDIA_FIELDS =
  'id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,shortcode,timestamp,username,like_count,comments_count,is_comment_enabled,is_shared_to_feed,alt_text,children{id,media_type,media_url,thumbnail_url,alt_text}';

/** An answer of the control API (`/__control/…`) as the tests read it; each route fills some fields. */
export interface ControlBody {
  [field: string]: unknown;
  error: { message: string };
  data: unknown[];
  now: string;
  token: string;
}

/** A JSON object whose fields a test may set to anything, valid or not. */
export type JsonObject = Record<string, unknown>;

/**
 * The object at `path` inside `value` (`objectAt(seed, 'accounts', 0, 'media', 1)`), to edit in
 * ways its type forbids; throws, naming the path, when there is no object there.
 */
export function objectAt(value: unknown, ...path: (string | number)[]): JsonObject {
  let current = value;
  for (const key of path) current = (current as JsonObject | undefined)?.[key];
  if (typeof current !== 'object' || current === null)
    throw new Error(`no object at ${path.join('.') || 'the top'}`);
  return current as JsonObject;
}
