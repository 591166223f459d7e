// A local HTTP receiver that answers 204 and records every request: the deploy hook
// (DEPLOY_HOOK_URL) of the cluster test, where the rebuilds the instances trigger are counted.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  at: number;
}

export interface RequestRecorder {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRequestRecorder(): Promise<RequestRecorder> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((request, response) => {
    request.resume();
    request.once('end', () => {
      requests.push({ method: request.method ?? 'GET', path: request.url ?? '/', at: Date.now() });
      response.writeHead(204);
      response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
