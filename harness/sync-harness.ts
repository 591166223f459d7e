import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  startEmulator,
  type RunningEmulator,
  type EmulatorOptions,
} from '../integration/emulator/index.ts';
import { GraphClient, type GraphClientOptions } from '../integration/graph/index.ts';
import { resolveOptions, type InstagramSyncOptions } from '../integration/options.ts';
import { loadEvents } from '../integration/events/events.ts';
import { syncInstagram } from '../integration/sync/instagram-sync.ts';
import { MediaCache } from '../integration/media/media-cache.ts';
import { flavourTokens, graphBaseOf, type LoginFlavour } from './flavour-tokens.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');

export interface CapturedLogs {
  debug: string[];
  info: string[];
  warn: string[];
  error: string[];
}

/**
 * A real emulator on a random port, a temp data dir and the demo events; `sync()` runs the
 * build-time Instagram sync through a real GraphClient whose sleeps are recorded, not waited,
 * on the Graph host and with the token of the login `flavour` (default Instagram Login).
 */
export async function createSyncHarness(
  options: { emulator?: EmulatorOptions; sync?: InstagramSyncOptions; flavour?: LoginFlavour } = {},
) {
  const flavour = options.flavour ?? 'instagram';
  const emulator: RunningEmulator = await startEmulator(options.emulator);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ais-sync-'));
  const logs: CapturedLogs = { debug: [], info: [], warn: [], error: [] };
  const logger = {
    debug: (m: string) => logs.debug.push(m),
    info: (m: string) => logs.info.push(m),
    warn: (m: string) => logs.warn.push(m),
    error: (m: string) => logs.error.push(m),
  };
  const sleeps: number[] = [];
  const resolved = resolveOptions({ dataDir, ...options.sync }, {});
  const events = await loadEvents(ROOT, 'content/events', resolved.window);
  const tokens = flavourTokens(emulator, flavour);
  const graphBase = graphBaseOf(emulator, flavour);
  /** The token of the last sync, for checks that it never reaches a log. */
  let lastToken = '';

  async function sync(
    client: Partial<GraphClientOptions> & { token?: string; strict?: boolean } = {},
  ) {
    const { token = await tokens.working(), strict = false, ...clientOptions } = client;
    lastToken = token;
    const cache = await MediaCache.open(path.join(dataDir, 'media'));
    const graph = new GraphClient({
      baseUrl: graphBase,
      accessToken: token,
      logger,
      sleep: async (ms) => void sleeps.push(ms),
      ...clientOptions,
    });
    const outcome = await syncInstagram({
      root: ROOT,
      options: { ...resolved, instagram: { ...resolved.instagram, strict } },
      events,
      cache,
      logger,
      sleep: async (ms) => void sleeps.push(ms),
      connect: async () => [
        {
          client: graph,
          mode: 'live',
          graphBase,
          userId: emulator.userId,
          label: 'test',
          loginFlavour: flavour,
          close: () => graph.close(),
        },
      ],
    });
    return { outcome, cache, graph };
  }

  return {
    emulator,
    flavour,
    tokens,
    lastToken: () => lastToken,
    dataDir,
    logs,
    sleeps,
    events,
    sync,
    counts: () => emulator.control.counts().byRoute,
    allLogText: () => [...logs.debug, ...logs.info, ...logs.warn, ...logs.error].join('\n'),
    async close() {
      await emulator.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
