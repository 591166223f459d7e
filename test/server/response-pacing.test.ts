import { createServer, type ServerResponse } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { responseDrained, withNodeResponse } from '../../integration/server/response-pacing.ts';

/** Writes until the response's backlog outlasts an I/O turn: the kernel's socket buffer is full too. */
async function fillUntilBacklogged(res: ServerResponse): Promise<void> {
  for (;;) {
    if (res.write(Buffer.alloc(64 * 1024))) continue;
    await new Promise((next) => setImmediate(next));
    if (res.writableNeedDrain) return;
  }
}

describe('responseDrained', () => {
  it("waits, inside withNodeResponse, until a client that stopped reading has taken the response's backlog", async () => {
    const log: string[] = [];
    let resume: () => void = () => undefined;
    const done = new Promise<void>((resolve, reject) => {
      const server = createServer((_req, res: ServerResponse) => {
        withNodeResponse(res, async () => {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          await fillUntilBacklogged(res);
          res.once('drain', () => log.push('drain'));
          responseDrained().then(() => {
            log.push('resumed');
            res.end();
            server.close();
            resolve();
          }, reject);
          resume(); // the client starts reading only now: a wait that returned at once logs first
        });
      });
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        const socket = connect(port, '127.0.0.1', () => {
          socket.pause();
          resume = () => setImmediate(() => socket.resume());
          socket.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
        });
        socket.on('error', reject);
      });
    });
    await done;
    expect(log).toEqual(['drain', 'resumed']);
  });

  it('returns at once outside a site server request (astro dev, the adapter alone)', async () => {
    const log: string[] = [];
    await responseDrained().then(() => log.push('resumed'));
    expect(log).toEqual(['resumed']);
  });
});
