// A receiver of outgoing webhooks on a real HTTP port: records every request, answers 204, or
// 503 while "down", and can be closed and opened again on the same port.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url(path?: string): string;
  received: ReceivedRequest[];
  /** 503 for every request until `up()`. */
  down(): void;
  up(): void;
  /** Closes the port (connections refused) until `open()`. */
  close(): Promise<void>;
  open(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  let answering = 204;
  let port = 0;
  let server: Server | undefined;
  const listen = async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(answering).end();
      });
    });
    await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  };
  await listen();
  return {
    url: (path = '/hooks') => `http://127.0.0.1:${port}${path}`,
    received,
    down: () => {
      answering = 503;
    },
    up: () => {
      answering = 204;
    },
    async close() {
      const open = server;
      if (!open) return;
      server = undefined;
      open.closeAllConnections();
      await new Promise((resolve) => open.close(resolve));
    },
    open: listen,
  };
}

/** The request's message, verified with standardwebhooks' own `Webhook.verify`; throws when it fails. */
export function verified(
  secret: string,
  request: ReceivedRequest,
): {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
} {
  const headers = {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  };
  return new Webhook(secret).verify(request.body, headers) as ReturnType<typeof verified>;
}
