import type { IncomingMessage } from 'node:http';
import { readAccessToken, validToken } from './auth.ts';
import { pathPrefix } from '../core/flavour.ts';
import { graphScopes } from '../oauth/facebook-scopes.ts';
import { facebookMeRoute, missingUserEdge, pageRoute, pagesRoute } from '../read/pages.ts';
import { cdnLinks } from '../read/cdn.ts';
import { noTagsEdge, tagsRoute } from '../guests/guest-routes.ts';
import type { EmulatorClock } from '../core/clock.ts';
import { GraphError, accountThrottled, unknownPath } from '../core/errors.ts';
import { parseFields } from '../core/fields.ts';
import type { PublishingState } from '../publishing/publishing-state.ts';
import { graphErrorReply, jsonReply, replyForError, type Reply } from './reply.ts';
import { readGraphParams } from './request-body.ts';
import type { Route, RouteKey } from './router.ts';
import { containerStatusRoute } from '../publishing/container-status.ts';
import { createContainerRoute } from '../publishing/container-create.ts';
import type { GraphCall, GraphRoute } from './graph-call.ts';
import { accountInsightsRoute, mediaInsightsRoute } from '../insights/insights.ts';
import { childrenRoute, mediaListRoute, mediaNodeRoute, storiesRoute } from '../read/media.ts';
import { mediaPublishRoute } from '../publishing/media-publish.ts';
import { idsOf, multiGetRoute } from '../read/multi-get.ts';
import { meRoute, userRoute } from '../read/profile.ts';
import { publishingLimitRoute } from '../publishing/publishing-limit.ts';
import type { Store } from '../core/store.ts';
import type { UsageMeter } from './usage.ts';

export const DEFAULT_VERSION = 'v26.0';

const GRAPH_ROUTES: Partial<Record<RouteKey, GraphRoute>> = {
  'GET /me': meRoute,
  'GET /?ids': multiGetRoute,
  'GET /{ig-user-id}': userRoute,
  'GET /me/media': mediaListRoute,
  'GET /{ig-user-id}/media': mediaListRoute,
  'GET /{media-id}': mediaNodeRoute,
  'GET /{media-id}/children': childrenRoute,
  'GET /{ig-user-id}/stories': storiesRoute,
  'GET /{ig-user-id}/tags': noTagsEdge,
  'GET /{media-id}/insights': mediaInsightsRoute,
  'GET /{ig-user-id}/insights': accountInsightsRoute,
  'POST /{ig-user-id}/media': createContainerRoute,
  'GET /{container-id}': containerStatusRoute,
  'POST /{ig-user-id}/media_publish': mediaPublishRoute,
  'GET /{ig-user-id}/content_publishing_limit': publishingLimitRoute,
};

/** graph.facebook.com: `/me` is the Facebook user (or Page), which has Pages but no `media` edge. */
const FACEBOOK_GRAPH_ROUTES: Partial<Record<RouteKey, GraphRoute>> = {
  ...GRAPH_ROUTES,
  'GET /me': facebookMeRoute,
  'GET /me/media': missingUserEdge('media'),
  'GET /me/accounts': pagesRoute,
  'GET /{page-id}': pageRoute,
  'GET /{ig-user-id}/tags': tagsRoute,
};

export interface GraphDeps {
  store: Store;
  clock: EmulatorClock;
  usage: UsageMeter;
  publishing: PublishingState;
  closing: AbortSignal;
  cdnTtlSeconds?: number;
}

export interface GraphRequest {
  route: Route;
  url: URL;
  request: IncomingMessage;
  origin: string;
  /** Fault `expireCdnUrls`: sign every CDN link in this answer already expired. */
  expireCdnUrls?: boolean;
}

/** A Graph answer: token check, then the account's call budget, then the route. */
export async function answerGraph(deps: GraphDeps, graph: GraphRequest): Promise<Reply> {
  // Graph takes POST parameters, the token included, from the query string or the body alike.
  const params =
    graph.request.method === 'POST'
      ? await readGraphParams(graph.request, graph.url.searchParams)
      : graph.url.searchParams;
  return withGraphHeaders(await authenticatedAnswer(deps, graph, params), graph.route.version);
}

/** The headers every graph.instagram.com and graph.facebook.com answer carries. */
export function withGraphHeaders(reply: Reply, version = DEFAULT_VERSION): Reply {
  reply.headers['facebook-api-version'] = version;
  reply.headers['cache-control'] = 'private, no-cache, no-store, must-revalidate';
  reply.headers['access-control-allow-origin'] = '*';
  return reply;
}

async function authenticatedAnswer(
  deps: GraphDeps,
  graph: GraphRequest,
  params: URLSearchParams,
): Promise<Reply> {
  try {
    const call = graphCall(deps, graph, params);
    // A multi-get counts one call per id.
    const calls = call.route.key === 'GET /?ids' ? Math.max(1, idsOf(params).length) : 1;
    const usage = deps.usage.record(call.account, calls);
    // 80002 comes as HTTP 400 like other OAuthExceptions; the usage header says when access returns
    // (developers.facebook.com/docs/graph-api/overview/rate-limiting).
    const reply = usage.allowed
      ? await routeAnswer(call)
      : graphErrorReply(accountThrottled(), 400);
    Object.assign(reply.headers, usage.headers);
    return reply;
  } catch (error) {
    if (error instanceof GraphError) return replyForError(error);
    throw error;
  }
}

function graphCall(deps: GraphDeps, graph: GraphRequest, params: URLSearchParams): GraphCall {
  const token = readAccessToken(params, graph.request.headers);
  const nowMs = deps.clock.now();
  const record = validToken(deps.store, token, nowMs, graph.route.flavour);
  return {
    route: graph.route,
    query: params,
    account: record.account,
    scopes: graphScopes(record),
    token: record,
    store: deps.store,
    clock: deps.clock,
    publishing: deps.publishing,
    closing: deps.closing,
    view: {
      origin: `${graph.origin}${pathPrefix(graph.route.flavour)}`,
      version: graph.route.version ?? DEFAULT_VERSION,
      accessToken: token ?? '',
      cdnUrl: cdnLinks({
        origin: graph.origin,
        nowMs,
        ttlSeconds: deps.cdnTtlSeconds,
        expired: graph.expireCdnUrls,
      }),
    },
  };
}

async function routeAnswer(call: GraphCall): Promise<Reply> {
  try {
    const routes = call.route.flavour === 'facebook' ? FACEBOOK_GRAPH_ROUTES : GRAPH_ROUTES;
    const route = routes[call.route.key];
    if (!route) throw new GraphError(unknownPath(call.route.path));
    return jsonReply(200, await route({ ...call, fields: parseFields(call.query.get('fields')) }));
  } catch (error) {
    if (error instanceof GraphError) return replyForError(error);
    throw error;
  }
}
