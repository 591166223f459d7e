// A reverse proxy on loopback for tests and benches: each request goes, as it came (method,
// path, headers including Host, streamed body), to the origin `pick` chooses, and the answer
// comes back as it was. Two uses: the round-robin proxy in front of a cluster's instances, and a
// tap between one instance and the Instagram emulator that records what that instance asked.
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Forwarder {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ForwarderOptions {
  /** The origin (`http://127.0.0.1:1234`) to send this request to; undefined answers 502. */
  pick(request: IncomingMessage): string | undefined;
  /** Called with each request before it is forwarded. */
  onRequest?(request: IncomingMessage, origin: string): void;
  /** Called when an origin could not be reached (refused, reset before answering). */
  onUnreachable?(origin: string, error: Error): void;
}

export async function startForwarder(options: ForwarderOptions): Promise<Forwarder> {
  // A new connection per forwarded request. With keep-alive, an instance closing an idle socket
  // (Node's 5 s keepAliveTimeout) just as the proxy reuses it answers "socket hang up": a real
  // balancer's well-known 502, which on a busy machine failed a cluster test now and then.
  const agent = new http.Agent({ keepAlive: false, maxSockets: 256 });
  const server = http.createServer((request, response) => {
    const origin = options.pick(request);
    if (!origin) {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('no origin to forward to');
      request.resume();
      return;
    }
    options.onRequest?.(request, origin);
    const upstream = http.request(
      new URL(request.url ?? '/', origin),
      { method: request.method, headers: request.headers, agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(response);
        answer.once('error', () => response.destroy());
      },
    );
    upstream.once('error', (error) => {
      options.onUnreachable?.(origin, error);
      if (response.headersSent) response.destroy();
      else {
        response.writeHead(502, { 'content-type': 'text/plain', connection: 'close' });
        response.end(`${origin} did not answer: ${error.message}`);
      }
    });
    request.pipe(upstream);
    // A client that goes away takes its forwarded request with it.
    response.once('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}
