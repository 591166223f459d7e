/**
 * The server's own route handlers (integration/server/routes/) on a real HTTP port, with the
 * process's real services (getServices: sqlite store, publish queue, analytics) against the
 * emulator over HTTP. A minimal node:http → Request adapter stands in for Astro's router; a
 * refused input is answered by the error boundary the middleware uses. The admin guard and the
 * cross-site check are the middleware's and are tested in admin-access.test.ts.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIRoute } from 'astro';
import { unexpectedError } from '../../integration/server/error-boundary.ts';
import { SERVER_ROUTES } from '../../integration/server/routes.ts';

export interface RouteSite {
  origin: string;
  close(): Promise<void>;
}

const patterns = SERVER_ROUTES.map((route) => ({
  route,
  regex: new RegExp(`^${route.pattern.replace(/\[(\w+)\]/g, '(?<$1>[^/]+)')}$`),
}));

/** Serves every injected route; start it before getServices when a setting needs its origin. */
export async function startRouteSite(): Promise<RouteSite> {
  const server = createServer(async (req, res) => {
    const request = await toRequest(req);
    const answer = await dispatch(request);
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function dispatch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const found = patterns
    .map(({ route, regex }) => ({ route, match: regex.exec(url.pathname) }))
    .find(({ match }) => match);
  if (!found?.match) return new Response('not found', { status: 404 });
  const module = (await import(
    `../../integration/server/routes/${found.route.file.replace(/\.ts$/, '')}.ts`
  )) as Record<string, APIRoute | undefined>;
  const handler = module[request.method];
  if (!handler) return new Response('method not allowed', { status: 405 });
  const context = {
    request,
    url,
    params: { ...found.match.groups },
    routePattern: found.route.pattern,
    session: undefined,
    // The guest routes' rate limit counts per client address; every request here is local.
    clientAddress: '127.0.0.1',
  };
  try {
    return await handler(context as unknown as Parameters<APIRoute>[0]);
  } catch (error) {
    return unexpectedError(error, context);
  }
}

async function toRequest(req: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers.set(name, value);
  return new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers,
    ...(body.length > 0 && { body }),
  });
}
