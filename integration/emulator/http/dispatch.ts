import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FileBytes } from '../read/cdn-files.ts';
import type { EmulatorClock } from '../core/clock.ts';
import { errorPage } from '../oauth/consent-page.ts';
import type { EmulatorControl } from '../control/control.ts';
import type { RequestCounter } from '../control/counters.ts';
import { unexpectedError } from '../core/errors.ts';
import { readBody } from './request-body.ts';
import {
  type ActiveFault,
  type FaultErrorAnswer,
  type FaultQueue,
  faultError,
} from '../control/faults.ts';
import { answerGraph } from './graph.ts';
import { answerOAuth } from '../oauth/oauth.ts';
import { oauthErrorReply } from '../oauth/oauth-errors.ts';
import type { OAuthState } from '../oauth/oauth-state.ts';
import type { PublishingState } from '../publishing/publishing-state.ts';
import { graphErrorReply, htmlReply, rawJsonReply, textReply, type Reply } from './reply.ts';
import { isOAuthRoute, matchRoute, type Route, type RouteKey } from './router.ts';
import { cdnRoute } from '../read/cdn-route.ts';
import { controlRoute } from '../control/control-route.ts';
import type { Store } from '../core/store.ts';
import type { UsageMeter } from './usage.ts';

export interface EmulatorState {
  store: Store;
  clock: EmulatorClock;
  faults: FaultQueue;
  counter: RequestCounter;
  usage: UsageMeter;
  oauth: OAuthState;
  publishing: PublishingState;
  files: FileBytes;
  control: EmulatorControl;
  latencyMs: number;
  cdnTtlSeconds?: number;
  /** Fallback origin for links when a request has no Host header. */
  origin: string;
  /** Aborted on close, so delayed answers stop waiting. */
  closing: AbortSignal;
}

/** One request: control routes aside, count it, take a fault, answer (maybe faulted), write. */
export async function handleRequest(
  state: EmulatorState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const url = requestUrl(request);
    if (url.pathname.startsWith('/__control/')) {
      writeReply(response, await controlRoute(state.control, request, url));
      return;
    }
    await handleCounted(state, request, response, url);
  } catch (error) {
    if (state.closing.aborted || response.headersSent) return void response.destroy();
    console.error('[instagram emulator]', error);
    writeReply(response, graphErrorReply(unexpectedError(), 500));
  }
}

async function handleCounted(
  state: EmulatorState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const route = matchRoute(request.method ?? 'GET', url.pathname, state.store);
  state.counter.count(route.key);
  const fault = state.faults.take(route.key);
  // Like a real server, work on a request that fully arrived even if its client then goes away.
  if (request.method !== 'GET' && request.method !== 'HEAD') await readBody(request);
  if (route.key !== 'GET /cdn' && state.latencyMs > 0)
    await sleep(state.latencyMs, undefined, { signal: state.closing });
  if (fault?.delayMs) await sleep(fault.delayMs, undefined, { signal: state.closing });
  if (fault?.dropResponse) {
    // A lost answer: the work is done (a post may be live), but the client never hears of it.
    await normalReply(state, route, request, url, fault);
    return void response.destroy();
  }
  const reply =
    faultReply(fault, route.key) ?? (await normalReply(state, route, request, url, fault));
  if (fault?.headers) Object.assign(reply.headers, lowerCaseKeys(fault.headers));
  writeReply(response, reply, {
    truncate: fault?.body === 'truncated',
    headOnly: request.method === 'HEAD',
  });
}

async function normalReply(
  state: EmulatorState,
  route: Route,
  request: IncomingMessage,
  url: URL,
  fault: ActiveFault | undefined,
): Promise<Reply> {
  if (route.key === 'GET /cdn')
    return cdnRoute({ store: state.store, files: state.files, now: state.clock.now }, url);
  const origin = request.headers.host ? `http://${request.headers.host}` : state.origin;
  const reply = isOAuthRoute(route.key)
    ? await answerOAuth(state, route.key, { route, url, request })
    : await answerGraph(state, {
        route,
        url,
        request,
        origin,
        expireCdnUrls: fault?.expireCdnUrls,
      });
  // A success status alone (no error) only swaps the status of the normal answer.
  if (fault?.status !== undefined && fault.status < 400 && !fault.error)
    reply.status = fault.status;
  return reply;
}

/** The answer an `error`, `status` (≥ 400) or `body` fault replaces the normal one with. */
function faultReply(fault: ActiveFault | undefined, key: RouteKey): Reply | undefined {
  if (!fault) return undefined;
  const error = faultError(fault);
  if (error) return faultErrorReply(key, error, fault.error !== undefined);
  if (fault.body === 'malformed') return rawJsonReply(200, '{"data": [ {"id": ');
  if (fault.body === 'empty') return rawJsonReply(200, '');
  return undefined;
}

/** Each route fails in its own host's way: Graph's envelope, except where the real route speaks otherwise. */
function faultErrorReply(key: RouteKey, error: FaultErrorAnswer, explicit: boolean): Reply {
  // The CDN is not Graph: a bare status there gets a plain-text body, like a CDN edge.
  if (key === 'GET /cdn' && !explicit)
    return textReply(error.status, STATUS_CODES[error.status] ?? 'Error');
  // The authorize window and the Facebook dialog are browser pages.
  if (
    key === 'GET /oauth/authorize' ||
    key === 'POST /oauth/authorize' ||
    key === 'GET /dialog/oauth' ||
    key === 'POST /dialog/oauth'
  )
    return htmlReply(error.status, errorPage(error.spec.message));
  // The code exchange's own shape, its `code` being the HTTP status unless the fault names one.
  if (key === 'POST /oauth/access_token') {
    return oauthErrorReply(
      error.spec.message,
      error.status,
      explicit ? error.spec.code : error.status,
      error.spec.type,
    );
  }
  return graphErrorReply(error.spec, error.status);
}

interface WriteOptions {
  /** Send the headers and half the body, then cut the connection. */
  truncate?: boolean;
  headOnly?: boolean;
}

function writeReply(response: ServerResponse, reply: Reply, options: WriteOptions = {}): void {
  // The client may have given up already (timeout tests).
  if (response.destroyed) return;
  response.writeHead(reply.status, {
    ...reply.headers,
    'content-length': String(reply.body.length),
  });
  if (options.headOnly) {
    response.end();
  } else if (options.truncate) {
    response.write(reply.body.subarray(0, Math.floor(reply.body.length / 2)), () =>
      response.destroy(),
    );
  } else {
    response.end(reply.body);
  }
}

/** Paths are taken as paths: `//me/media` must not turn `me` into a host name. */
function requestUrl(request: IncomingMessage): URL {
  const target = request.url ?? '/';
  return new URL(
    target.startsWith('/') ? `http://emulator.invalid${target}` : target,
    'http://emulator.invalid',
  );
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
}
