import { readFileSync } from 'node:fs';
import http, { type RequestListener } from 'node:http';
import https from 'node:https';
import { fileURLToPath } from 'node:url';
import { readHeadersFile, setRuleHeaders } from '../embed/static-headers.ts';
import { wholeNumberSetting } from '../env-number.ts';
import { type Env, processEnv } from '../shared/env.ts';
import { serverLog } from '../shared/log.ts';
import { findPrecompressed, withCompression } from './compressed-responses.ts';
import { withNodeResponse } from './response-pacing.ts';
import { allowedMethods, serverRouteAt } from './routes.ts';

/** What a standalone @astrojs/node build's `dist/server/entry.mjs` exports. */
interface AdapterEntry {
  /** Static files and on-demand routes in one request listener. */
  handler: RequestListener;
  options: { host: string | boolean; port: number };
}

/**
 * Serves a standalone @astrojs/node build through our own HTTP server, which adds the headers
 * of the build's `_headers` file (e.g. the embed pages' `frame-ancestors`): the adapter sends
 * static files with none of their own; and compresses text answers, from the build's
 * precompressed twins where there are some; and lets a long streamed answer (a ZIP) wait for the
 * client (response-pacing.ts). Same HOST, PORT and SERVER_CERT_PATH/SERVER_KEY_PATH
 * settings as the adapter's server.
 */
export async function startSiteServer(entry: URL, clientDir: URL): Promise<http.Server> {
  process.env.ASTRO_NODE_AUTOSTART = 'disabled'; // the adapter must not start a server of its own
  const { handler, options } = (await import(entry.href)) as AdapterEntry;
  const rules = await readHeadersFile(fileURLToPath(clientDir));
  const serve = withCompression(handler, await findPrecompressed(fileURLToPath(clientDir)));
  const listener: RequestListener = (req, res) => {
    if (refusedMethod(req, res)) return;
    setRuleHeaders(rules, req, res);
    withNodeResponse(res, () => serve(req, res));
  };
  const env = processEnv();
  const server = withKeepAlive(createServer(listener), env);
  const port = env.PORT ? Number(env.PORT) : options.port;
  const host =
    env.HOST ??
    (typeof options.host === 'string' ? options.host : options.host ? '0.0.0.0' : 'localhost');
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const protocol = server instanceof https.Server ? 'https' : 'http';
  serverLog.info(`listening on ${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`);
  return server;
}

// Methods a fetch Request cannot carry: the adapter would fail to build one and answer a 500.
const UNSERVABLE_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

/** Answers TRACE and its kin with a 405 here, since no request of theirs can reach a route. */
function refusedMethod(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const method = (req.method ?? '').toUpperCase();
  if (!UNSERVABLE_METHODS.has(method)) return false;
  const url = URL.parse(req.url ?? '/', 'http://localhost');
  const route = url ? serverRouteAt(url.pathname) : undefined;
  const allow = (route ? allowedMethods(route) : ['GET', 'HEAD']).join(', ');
  const message = `${method} is not served here; use ${allow.replace(/, /g, ' or ')}.`;
  res.writeHead(405, {
    allow,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
  });
  res.end(JSON.stringify({ error: { code: 'method_not_allowed', message } }));
  return true;
}

/**
 * Keeps idle connections open longer than the balancer in front does. Node closes them after
 * 5 s; a balancer that reuses its connections for longer (AWS ALB and nginx: 60 s) now and then
 * sends a request down one Node is closing, and answers the guest 502. Default 65 s.
 */
export function withKeepAlive<S extends http.Server>(server: S, env: Env): S {
  const seconds = wholeNumberSetting(env, 'SERVER_KEEP_ALIVE_SECONDS', {
    min: 1,
    max: 3600,
    fallback: 65,
    unit: 'seconds',
  });
  server.keepAliveTimeout = seconds * 1000;
  // Node ends a connection whose next request's headers take longer than this: above the idle time.
  server.headersTimeout = seconds * 1000 + 1000;
  return server;
}

function createServer(listener: RequestListener): http.Server {
  const { SERVER_CERT_PATH: cert, SERVER_KEY_PATH: key } = processEnv();
  if (cert && key)
    return https.createServer({ cert: readFileSync(cert), key: readFileSync(key) }, listener);
  return http.createServer(listener);
}
