import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { withKeepAlive } from '../../integration/server/site-server.ts';

let server: http.Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** A GET through `agent`; whether it went out on a connection an earlier request had opened. */
function get(port: number, agent: http.Agent): Promise<{ status: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
      response.resume();
      response.once('end', () =>
        resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket }),
      );
    });
    request.once('error', reject);
  });
}

describe('the server behind a balancer that keeps its connections', () => {
  it('keeps an idle connection open past Node’s 5 s, so a reused connection is never cut', async () => {
    server = withKeepAlive(
      http.createServer((_request, response) => response.end('ok')),
      {},
    );
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Like a balancer: one connection, kept, reused after a quiet spell longer than Node's default.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect(await get(port, agent)).toEqual({ status: 200, reused: false });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await get(port, agent)).toEqual({ status: 200, reused: true });
    agent.destroy();
    expect(server.keepAliveTimeout).toBe(65_000);
  }, 30_000);

  it('takes SERVER_KEEP_ALIVE_SECONDS, and refuses a value that is not whole seconds', () => {
    expect(
      withKeepAlive(http.createServer(), { SERVER_KEEP_ALIVE_SECONDS: '120' }).keepAliveTimeout,
    ).toBe(120_000);
    expect(() => withKeepAlive(http.createServer(), { SERVER_KEEP_ALIVE_SECONDS: '0.5' })).toThrow(
      /SERVER_KEEP_ALIVE_SECONDS must be a whole number of seconds from 1 to 3600 \(default 65\)/,
    );
  });
});
