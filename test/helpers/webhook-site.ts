import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore, TokenCipher, type StateStore } from '../../integration/store/index.ts';
import {
  receiveDelivery,
  verifySubscription,
  WebhookProcessor,
  type ProcessEvent,
} from '../../integration/webhooks/index.ts';
import { TEST_KEY } from './token-harness.ts';

export const APP_SECRET = 'emulator-app-secret'; // the demo seed app's
export const VERIFY_TOKEN = 'meatyhamhock';

/**
 * The webhook endpoint on a real HTTP port with a real sqlite store in a temp dir: the same
 * handlers the Astro route calls, behind a minimal node:http → Request adapter.
 */
export async function startWebhookSite(
  options: { process?: (store: StateStore) => ProcessEvent; facebookAppSecret?: string } = {},
) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ais-webhooks-'));
  const dbPath = path.join(dir, 'state.db');
  const store = await openSqliteStore({
    path: dbPath,
    cipher: TokenCipher.fromKeys({ current: Buffer.from(TEST_KEY, 'base64'), old: [] }),
  });
  const processor = new WebhookProcessor({
    store,
    process: options.process?.(store) ?? (async () => 'ignored'),
  });
  const deps = {
    appSecret: APP_SECRET,
    facebookAppSecret: options.facebookAppSecret,
    verifyToken: VERIFY_TOKEN,
    store,
    processor,
  };
  const server = createServer(async (req, res) => {
    const request = await toRequest(req);
    const url = new URL(request.url);
    const answer =
      request.method === 'GET'
        ? verifySubscription(url, deps)
        : await receiveDelivery(request, deps);
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  const origin = await listen(server);
  return {
    callbackUrl: `${origin}/api/instagram/webhook`,
    store,
    processor,
    dbPath,
    async close() {
      // No request may schedule a drain once the processor is idle and the store closing.
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await processor.whenIdle();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers.set(name, value);
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
  return new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body });
}

export function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/** A build hook stand-in: records each POST (time, headers, body) and answers `statuses` in turn (then 200). */
export async function startHookServer(statuses: number[] = []) {
  const calls: { at: number; headers: IncomingMessage['headers']; body: string; url: string }[] =
    [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    calls.push({
      at: Date.now(),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      url: req.url ?? '',
    });
    res.writeHead(statuses[calls.length - 1] ?? 200).end();
  });
  const origin = await listen(server);
  return {
    origin,
    calls,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
