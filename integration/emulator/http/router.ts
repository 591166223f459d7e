import { flavourOfPath, type LoginFlavour } from '../core/flavour.ts';
import type { Store } from '../core/store.ts';

export type RouteKey = (typeof ROUTE_KEYS)[number];
export type OAuthRouteKey =
  | (typeof OAUTH_ROUTE_KEYS)[number]
  | (typeof FACEBOOK_OAUTH_ROUTE_KEYS)[number];

/** Instagram Login: the authorize window, the code exchange, and the token exchange and refresh. */
export const OAUTH_ROUTE_KEYS = [
  'GET /oauth/authorize',
  'POST /oauth/authorize',
  'POST /oauth/access_token',
  'GET /access_token',
  'GET /refresh_access_token',
] as const satisfies readonly string[];

/** Facebook Login (graph.facebook.com, www.facebook.com): the dialog, the code and token exchange, debug_token. */
export const FACEBOOK_OAUTH_ROUTE_KEYS = [
  'GET /dialog/oauth',
  'POST /dialog/oauth',
  'GET /oauth/access_token',
  'GET /debug_token',
] as const satisfies readonly string[];

/** Graph routes only graph.facebook.com serves: Page discovery. */
export const FACEBOOK_GRAPH_ROUTE_KEYS = ['GET /me/accounts', 'GET /{page-id}'] as const;

/** Request counters and faults use these keys. */
export const ROUTE_KEYS = [
  'GET /me',
  'GET /?ids',
  'GET /me/media',
  'GET /{ig-user-id}',
  'GET /{ig-user-id}/media',
  'GET /{media-id}',
  'GET /{media-id}/children',
  'GET /{ig-user-id}/stories',
  'GET /{ig-user-id}/tags',
  'GET /{media-id}/insights',
  'GET /{ig-user-id}/insights',
  'POST /{ig-user-id}/media',
  'GET /{container-id}',
  'POST /{ig-user-id}/media_publish',
  'GET /{ig-user-id}/content_publishing_limit',
  'GET /cdn',
  'GET /unknown',
  ...OAUTH_ROUTE_KEYS,
  ...FACEBOOK_OAUTH_ROUTE_KEYS,
  ...FACEBOOK_GRAPH_ROUTE_KEYS,
] as const satisfies readonly string[];

export function isOAuthRoute(key: string): key is OAuthRouteKey {
  return (
    (OAUTH_ROUTE_KEYS as readonly string[]).includes(key) ||
    (FACEBOOK_OAUTH_ROUTE_KEYS as readonly string[]).includes(key)
  );
}

/** The host's own OAuth routes: each login speaks only its own. */
function oauthRouteOf(flavour: LoginFlavour, key: string): OAuthRouteKey | undefined {
  const keys: readonly string[] =
    flavour === 'facebook' ? FACEBOOK_OAUTH_ROUTE_KEYS : OAUTH_ROUTE_KEYS;
  return keys.includes(key) ? (key as OAuthRouteKey) : undefined;
}

export interface Route {
  key: RouteKey;
  /** Which host was asked: graph.instagram.com, or graph.facebook.com (the `/facebook` prefix). */
  flavour: LoginFlavour;
  /** The `/vNN.N` segment when the request had one. */
  version?: string;
  /** The id in the path, for `/{id}` routes. */
  nodeId?: string;
  /** The path after the version, for error messages. */
  path: string;
}

const VERSION = /^v\d+(\.\d+)?$/;
const NODE_ID = /^\d+$/;

/**
 * Routes on the path only; `/v26.0/me` and `/me` are the same route, as are `/v26.0/oauth/authorize`
 * and `/oauth/authorize`. Under `/facebook` the same paths are graph.facebook.com's.
 */
export function matchRoute(method: string, requestPath: string, store: Store): Route {
  if (requestPath.startsWith('/cdn/') && (method === 'GET' || method === 'HEAD'))
    return { key: 'GET /cdn', flavour: 'instagram', path: requestPath };
  const { flavour, path: pathname } = flavourOfPath(requestPath);
  const segments = pathname.split('/').filter(Boolean).map(decodeSegment);
  const version =
    segments[0] !== undefined && VERSION.test(segments[0]) ? segments.shift() : undefined;
  const path = `/${segments.join('/')}`;
  const oauthKey = oauthRouteOf(flavour, `${method} ${path}`);
  if (oauthKey) return { key: oauthKey, flavour, version, path };
  const key = graphRouteKey(method, segments, store, flavour);
  const nodeId = segments[0] !== 'me' && key !== 'GET /unknown' ? segments[0] : undefined;
  return { key, flavour, version, nodeId, path };
}

function graphRouteKey(
  method: string,
  segments: string[],
  store: Store,
  flavour: LoginFlavour,
): RouteKey {
  const [node, edge, ...rest] = segments;
  if (node === undefined && method === 'GET') return 'GET /?ids';
  if (node === undefined || rest.length > 0 || !(node === 'me' || NODE_ID.test(node)))
    return 'GET /unknown';
  if (method === 'POST') return postRouteKey(edge);
  if (method !== 'GET') return 'GET /unknown';
  if (edge === 'content_publishing_limit') return 'GET /{ig-user-id}/content_publishing_limit';
  if (edge === 'stories') return 'GET /{ig-user-id}/stories';
  if (edge === 'tags' && node !== 'me') return 'GET /{ig-user-id}/tags';
  if (edge === 'insights')
    return node === 'me' || store.accountsByUserId.has(node)
      ? 'GET /{ig-user-id}/insights'
      : 'GET /{media-id}/insights';
  if (node === 'me') {
    if (edge === undefined) return 'GET /me';
    if (edge === 'accounts' && flavour === 'facebook') return 'GET /me/accounts';
    return edge === 'media' ? 'GET /me/media' : 'GET /unknown';
  }
  if (edge === 'media') return 'GET /{ig-user-id}/media';
  if (edge === 'children') return 'GET /{media-id}/children';
  if (edge !== undefined) return 'GET /unknown';
  if (flavour === 'facebook' && store.accountsByPageId.has(node)) return 'GET /{page-id}';
  return nodeRouteKey(node, store);
}

/** Publishing takes `me` or the IG user id alike. */
function postRouteKey(edge: string | undefined): RouteKey {
  if (edge === 'media') return 'POST /{ig-user-id}/media';
  if (edge === 'media_publish') return 'POST /{ig-user-id}/media_publish';
  return 'GET /unknown';
}

/** Accounts, containers and media never share an id, so the id says which node it is. */
function nodeRouteKey(node: string, store: Store): RouteKey {
  if (store.accountsByUserId.has(node)) return 'GET /{ig-user-id}';
  return store.containers.has(node) ? 'GET /{container-id}' : 'GET /{media-id}';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
