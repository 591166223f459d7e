import type { Store } from './store.ts';

export type RouteKey = (typeof ROUTE_KEYS)[number];

/** Request counters and faults use these keys. */
export const ROUTE_KEYS = [
  'GET /me',
  'GET /me/media',
  'GET /{ig-user-id}',
  'GET /{ig-user-id}/media',
  'GET /{media-id}',
  'GET /{media-id}/children',
  'GET /cdn',
  'GET /unknown',
] as const satisfies readonly string[];

export interface Route {
  key: RouteKey;
  /** The `/vNN.N` segment when the request had one. */
  version?: string;
  /** The id in the path, for `/{id}` routes. */
  nodeId?: string;
  /** The path after the version, for error messages. */
  path: string;
}

const VERSION = /^v\d+(\.\d+)?$/;
const NODE_ID = /^\d+$/;

/** Graph routes on the path only; `/v26.0/me` and `/me` are the same route. */
export function matchRoute(method: string, pathname: string, store: Store): Route {
  if (pathname.startsWith('/cdn/') && (method === 'GET' || method === 'HEAD')) return { key: 'GET /cdn', path: pathname };
  const segments = pathname.split('/').filter(Boolean).map(decodeSegment);
  const version = segments[0] !== undefined && VERSION.test(segments[0]) ? segments.shift() : undefined;
  const path = `/${segments.join('/')}`;
  const key = method === 'GET' ? graphRouteKey(segments, store) : 'GET /unknown';
  const nodeId = segments[0] !== 'me' && key !== 'GET /unknown' ? segments[0] : undefined;
  return { key, version, nodeId, path };
}

function graphRouteKey(segments: string[], store: Store): RouteKey {
  const [node, edge, ...rest] = segments;
  if (node === undefined || rest.length > 0) return 'GET /unknown';
  if (node === 'me') {
    if (edge === undefined) return 'GET /me';
    return edge === 'media' ? 'GET /me/media' : 'GET /unknown';
  }
  if (!NODE_ID.test(node)) return 'GET /unknown';
  if (edge === 'media') return 'GET /{ig-user-id}/media';
  if (edge === 'children') return 'GET /{media-id}/children';
  if (edge !== undefined) return 'GET /unknown';
  return store.accountsByUserId.has(node) ? 'GET /{ig-user-id}' : 'GET /{media-id}';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
