import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerResponse } from 'node:http';

/*
 * The Node adapter writes a route's streamed body as fast as the route makes it, whatever the
 * client takes: a 2 GB ZIP to a slow phone would wait in memory. So the site server runs each
 * request with its Node response at hand, and a long stream waits for the response to drain
 * before it makes more. The start script and the bundled server are two copies of this module
 * in one process: the store lives on globalThis so that both use the same one.
 */
const STORE = Symbol.for('astro-instagram-sync.node-response');
type Registry = { [STORE]?: AsyncLocalStorage<ServerResponse> };
const registry = globalThis as Registry;
registry[STORE] ??= new AsyncLocalStorage<ServerResponse>();
const store = registry[STORE];

/** Runs `handle` (the adapter's listener) with `res` known to the routes it calls. */
export function withNodeResponse(res: ServerResponse, handle: () => void): void {
  store.run(res, handle);
}

/**
 * Resolves once the current request's response can take more (at once when it can, or when no
 * site server runs this request: `astro dev`, the adapter's own server).
 */
export function responseDrained(): Promise<void> {
  const res = store.getStore();
  if (!res?.writableNeedDrain || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
