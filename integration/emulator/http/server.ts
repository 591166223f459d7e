import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFileCache } from '../read/cdn-files.ts';
import { createClock } from '../core/clock.ts';
import { createControl, type EmulatorControl } from '../control/control.ts';
import { createRequestCounter } from '../control/counters.ts';
import { handleRequest, type EmulatorState } from './dispatch.ts';
import { createFaultQueue } from '../control/faults.ts';
import { FACEBOOK_PATH_PREFIX } from '../core/flavour.ts';
import { DEFAULT_VERSION } from './graph.ts';
import { createOAuthState } from '../oauth/oauth-state.ts';
import { createPublishingState, type ImageFailures } from '../publishing/publishing-state.ts';
import { demoSeedPath, loadSeed, type Seed } from '../seed/seed.ts';
import { createStore, type Store } from '../core/store.ts';
import { createUsageMeter, DEFAULT_CALL_BUDGET_PER_HOUR } from './usage.ts';

export interface EmulatorOptions {
  /** Port to listen on; default 0 (a free port). */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** A Seed object or the path of a JSON seed file; default the bundled demo seed. */
  seed?: Seed | string;
  /** Clock in ms, default Date.now; the control clock offset is added to it. */
  now?: () => number;
  /** Lifetime of signed CDN links; default 3 days for images, 1 day for videos. */
  cdnTtlSeconds?: number;
  /** Extra latency on every Graph and OAuth request (not CDN), default 0. */
  latencyMs?: number;
  /** Calls per account per rolling hour before 80002, unless the seed account sets its own; default 4800. */
  callBudgetPerHour?: number;
  /** How long a video container stays IN_PROGRESS, on the emulator clock; default 3000. */
  videoProcessingMs?: number;
  /** `reject` (default): a bad image fails container creation; `status`: the container ends in ERROR. */
  imageFailures?: ImageFailures;
  /** Timeout of one media URL download (image, video, reel cover); default 10 000 ms. */
  mediaFetchTimeoutMs?: number;
  /** Posts per account per rolling 24 h, unless the seed account sets `publishingLimit`; default 100. */
  publishingLimit?: number;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:41234` */
  origin: string;
  /** `origin` + `/v26.0`: what the Graph client takes as its base URL (graph.instagram.com). */
  graphBase: string;
  /** `origin` + `/facebook/v26.0`: graph.facebook.com's base URL, and the dialog's (www.facebook.com). */
  facebookGraphBase: string;
  /** The first account's first token that is valid now. */
  demoToken: string;
  /** The first account's IG user id. */
  userId: string;
  control: EmulatorControl;
  close(): Promise<void>;
}

/** Starts the Instagram Graph API emulator on a real HTTP port: graph.instagram.com at the root, graph.facebook.com under `/facebook`. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = createStore(await loadSeed(options.seed ?? demoSeedPath));
  // Idle connections stay open a minute (Node's default is 5 s): a client that pauses a few
  // seconds between calls, as the e2e specs do while a server restarts, must not reuse a
  // connection at the moment the emulator closes it (ECONNRESET).
  const server = createServer();
  server.keepAliveTimeout = 60_000;
  const origin = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const closing = new AbortController();
  const state = createState(store, options, origin, closing.signal);
  server.on('request', (request, response) => void handleRequest(state, request, response));
  return {
    origin,
    graphBase: `${origin}/${DEFAULT_VERSION}`,
    facebookGraphBase: `${origin}${FACEBOOK_PATH_PREFIX}/${DEFAULT_VERSION}`,
    demoToken: demoToken(store, state.clock.now()),
    userId: store.accounts[0]?.userId ?? '',
    control: state.control,
    close: () => close(server, closing),
  };
}

function createState(
  store: Store,
  options: EmulatorOptions,
  origin: string,
  closing: AbortSignal,
): EmulatorState {
  const clock = createClock(options.now ?? Date.now);
  const faults = createFaultQueue();
  const counter = createRequestCounter();
  const usage = createUsageMeter(clock, options.callBudgetPerHour ?? DEFAULT_CALL_BUDGET_PER_HOUR);
  const oauth = createOAuthState();
  const publishing = createPublishingState({
    videoProcessingMs: options.videoProcessingMs,
    imageFailures: options.imageFailures,
    fetchTimeoutMs: options.mediaFetchTimeoutMs,
    publishingLimit: options.publishingLimit,
  });
  return {
    store,
    clock,
    faults,
    counter,
    usage,
    oauth,
    publishing,
    files: createFileCache(),
    control: createControl({ faults, counter, clock, usage, store, oauth, publishing }),
    latencyMs: options.latencyMs ?? 0,
    cdnTtlSeconds: options.cdnTtlSeconds,
    origin,
    closing,
  };
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve(`http://${originHost(address.address)}:${address.port}`);
    });
  });
}

/** A wildcard address is not something a client can call; loopback is. */
function originHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return address.includes(':') ? `[${address}]` : address;
}

function demoToken(store: Store, nowMs: number): string {
  const tokens = store.accounts[0]?.seed.tokens ?? [];
  const instagram = tokens.filter((t) => (t.flavour ?? 'instagram') === 'instagram');
  const valid = instagram.find((t) => !t.revoked && Date.parse(t.expiresAt) > nowMs);
  return (valid ?? instagram[0])?.token ?? '';
}

function close(server: Server, closing: AbortController): Promise<void> {
  closing.abort();
  server.closeAllConnections();
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}
