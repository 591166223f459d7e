import { request } from 'undici';
import type { RunningEmulator } from '../../integration/emulator/index.ts';

export interface JsonAnswer<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

/** GET a URL and parse the JSON body (as a real Graph client would). */
export async function getJson<T = any>(
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

export async function getGraph<T = any>(
  emulator: RunningEmulator,
  path: string,
  query: Record<string, string | number> = {},
): Promise<JsonAnswer<T>> {
  return getJson<T>(graph(emulator, path, query));
}

export const ALL_MEDIA_FIELDS =
  'id,caption,media_type,media_product_type,media_url,thumbnail_url,permalink,shortcode,timestamp,username,like_count,comments_count,is_comment_enabled,is_shared_to_feed,alt_text,children{id,media_type,media_url,thumbnail_url,alt_text}';

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
