import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../harness/round-robin-proxy.ts';

// The cluster test's load balancer: its answers must be the instances' own, in turn.
const servers: http.Server[] = [];
let proxy: RoundRobinProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function backend(name: string): Promise<string> {
  const server = http.createServer(async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    response.writeHead(201, { 'x-backend': name, 'set-cookie': [`a=${name}`, 'b=2'] });
    response.end(`${name} ${request.method} ${request.url} ${request.headers.host} ${body}`);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the round-robin proxy', () => {
  it('sends each request to the next instance, body, Host and answer headers as they were', async () => {
    proxy = await startRoundRobinProxy();
    const origins = [await backend('a'), await backend('b'), await backend('c')];
    proxy.setBackends(origins);
    const answers = [];
    for (let i = 0; i < 6; i++) {
      const answer = await fetch(`${proxy.url}/path?i=${i}`, { method: 'POST', body: `n${i}` });
      answers.push({
        status: answer.status,
        backend: answer.headers.get('x-backend'),
        cookies: answer.headers.getSetCookie(),
        text: await answer.text(),
      });
    }
    expect(answers.map((a) => a.backend)).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(answers[4]).toEqual({
      status: 201,
      backend: 'b',
      cookies: ['a=b', 'b=2'],
      text: `b POST /path?i=4 ${new URL(proxy.url).host} n4`,
    });
  });

  it('skips an instance marked down, and one that refuses connections', async () => {
    proxy = await startRoundRobinProxy();
    const [a, b] = [await backend('a'), await backend('b')];
    const refusing = await backend('gone');
    const gone = servers.pop() as http.Server;
    await new Promise((resolve) => gone.close(resolve));
    proxy.setBackends([a, b, refusing]);
    proxy.markDown(b);
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const answer = await fetch(`${proxy.url}/`);
      await answer.text();
      seen.push(answer.headers.get('x-backend') ?? String(answer.status));
    }
    // The refused request is answered 502 once; from then on that instance is out.
    expect(seen).toEqual(['a', '502', 'a', 'a']);
  });
});
