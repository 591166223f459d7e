import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GraphClient } from '../../integration/graph/index.ts';
import { rejectionOf, TOKEN } from './mock-graph.ts';

// The client's own undici Agent against a local server: what a MockAgent cannot show.
let server: http.Server;
let baseUrl: string;
let sockets: Set<Socket>;
let inFlight = 0;
let mostInFlight = 0;
let client: GraphClient | undefined;

beforeEach(async () => {
  sockets = new Set();
  inFlight = 0;
  mostInFlight = 0;
  server = http.createServer((request, response) => {
    if (request.url?.startsWith('/v26.0/hang')) return;
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ id: '1', auth: request.headers.authorization }));
    }, 20);
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v26.0`;
});

afterEach(async () => {
  await client?.close();
  client = undefined;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the client's own connection pool", () => {
  it('keeps connections alive between requests', async () => {
    client = new GraphClient({ baseUrl, accessToken: TOKEN, connections: 1 });
    for (let i = 0; i < 5; i++) await client.get('/me');
    expect(sockets.size).toBe(1);
  });

  it('opens at most `connections` sockets per origin', async () => {
    client = new GraphClient({ baseUrl, accessToken: TOKEN, connections: 2 });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => client!.get<{ auth: string }>('/me')),
    );
    expect(results.every((result) => result.auth === `Bearer ${TOKEN}`)).toBe(true);
    expect(sockets.size).toBe(2);
    expect(mostInFlight).toBe(2);
  });

  it('turns a server that never answers into a transient timeout', async () => {
    client = new GraphClient({ baseUrl, accessToken: TOKEN, timeoutMs: 100, maxRetries: 0 });
    const error = await rejectionOf(client.get('/hang'));
    expect(error).toMatchObject({
      category: 'transient',
      message: 'GET /v26.0/hang: timed out after 100 ms',
    });
  });
});
