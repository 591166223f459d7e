// The parts of two jshttp/expressjs libraries the site server uses, typed here: their
// DefinitelyTyped packages pull in Express's types for a plain node:http server.

declare module 'compression' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  interface CompressionOptions {
    /** Bytes below which a response is sent as it is (default 1 KB). */
    threshold?: number | string;
  }
  type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  export default function compression(options?: CompressionOptions): Middleware;
}

declare module 'negotiator' {
  import type { IncomingMessage } from 'node:http';
  export default class Negotiator {
    constructor(request: Pick<IncomingMessage, 'headers'>);
    /** The best of `available` the request accepts; `preferred` breaks ties of equal quality. */
    encoding(available: string[], options?: { preferred?: string[] }): string | undefined;
  }
}
