import { Agent, request, type Dispatcher } from 'undici';
import {
  errorFromNetwork,
  errorFromResponse,
  errorFromUnreadableBody,
  GraphError,
  readErrorEnvelope,
  type RequestContext,
} from './errors.ts';
import { parseJson } from './json.ts';
import { RequestPacer } from './pacing.ts';
import { walkPages, type GraphPage } from './paging.ts';
import { redactorFor } from './redact.ts';
import { decideRetry, type RetryPolicy } from './retry.ts';
import { graphUrl, pagingUrl, parseBaseUrl, type GraphParams } from './urls.ts';
import { parseUsageHeaders, spacingMs, type GraphUsage, type SlowDownPolicy } from './usage.ts';

export interface GraphLogger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
}

export interface GraphClientOptions {
  /** Graph base URL with the version, e.g. `https://graph.instagram.com/v26.0`; paths are appended. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer`, never in a URL. */
  accessToken: string;
  /** Per attempt, headers and body together. Default 15 000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  /** First backoff ceiling; doubles each retry, with full jitter. Default 500. */
  retryBaseMs?: number;
  /** Cap on one backoff. Default 30 000. */
  maxBackoffMs?: number;
  /** The longest wait for a rate limit to clear before failing with a `rate_limit` GraphError. Default 120 000. */
  maxWaitMs?: number;
  /** From this usage percentage on, requests are spaced out, more as usage nears 100. Default 80. */
  slowDownAtPercent?: number;
  /** The spacing between requests at 100 % usage. Default 10 000. */
  maxSlowDownMs?: number;
  /** Connections per origin. Default 8. */
  connections?: number;
  /** Used instead of the client's own keep-alive Agent (tests pass a MockAgent); not closed by `close()`. */
  dispatcher?: Dispatcher;
  logger?: GraphLogger;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source, [0, 1). */
  random?: () => number;
}

const KEEP_ALIVE_MS = 30_000;

/**
 * A keep-alive connection pool for Graph requests. A server shares one among the clients it makes
 * per account and request (`dispatcher`), so a request costs no new pool; its owner closes it.
 */
export function createGraphAgent(
  options: { connections?: number | undefined; timeoutMs?: number | undefined } = {},
): Dispatcher {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Agent({
    connections: options.connections ?? 8,
    keepAliveTimeout: KEEP_ALIVE_MS,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
}
const silentLogger: GraphLogger = { debug() {}, info() {}, warn() {} };
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An Instagram Graph API client: reads (GET, paging) and writes (POST, for publishing), with
 * retries (of writes only when the caller asks), rate-limit pacing and token redaction.
 */
export class GraphClient {
  readonly #base: URL;
  readonly #token: string;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #slowDown: SlowDownPolicy;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #logger: GraphLogger;
  readonly #redact: (text: string) => string;
  readonly #pacer: RequestPacer;
  readonly #sleep: (ms: number) => Promise<void>;
  #usage: GraphUsage | undefined;
  #requestCount = 0;
  #warnedHighUsage = false;
  /** Epoch ms until which Graph said the account is throttled. */
  #throttledUntil = 0;

  constructor(options: GraphClientOptions) {
    if (!options.accessToken) throw new TypeError('GraphClient: `accessToken` is required.');
    this.#token = options.accessToken;
    this.#redact = redactorFor([options.accessToken]);
    this.#base = parseBaseUrl(options.baseUrl, this.#redact);
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#retry = {
      maxRetries: options.maxRetries ?? 4,
      retryBaseMs: options.retryBaseMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      maxWaitMs: options.maxWaitMs ?? 120_000,
      random: options.random ?? Math.random,
    };
    this.#slowDown = {
      slowDownAtPercent: options.slowDownAtPercent ?? 80,
      maxSlowDownMs: options.maxSlowDownMs ?? 10_000,
    };
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher =
      options.dispatcher ??
      createGraphAgent({ connections: options.connections, timeoutMs: this.#timeoutMs });
    this.#logger = options.logger ?? silentLogger;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#pacer = new RequestPacer(this.#sleep);
  }

  /** Usage reported by the last response that carried usage headers. */
  get usage(): GraphUsage | undefined {
    return this.#usage;
  }

  /** HTTP attempts made, retries included. */
  get requestCount(): number {
    return this.#requestCount;
  }

  /** GET `path` (e.g. `/me` or `/17841…/media`) under the base URL. */
  async get<T>(path: string, params?: GraphParams): Promise<T> {
    return (await this.#send(graphUrl(this.#base, path, params))) as T;
  }

  /**
   * POST form parameters to `path` (e.g. `/17841…/media`). Not retried unless `retry` is set:
   * a write whose answer was lost may have happened (a second `media_publish` would post twice),
   * so the caller decides how to find out.
   */
  async post<T>(
    path: string,
    params: GraphParams = {},
    options: { retry?: boolean } = {},
  ): Promise<T> {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      if (value !== undefined) form.set(key, String(value));
    return (await this.#send(graphUrl(this.#base, path), {
      method: 'POST',
      form,
      retry: options.retry ?? false,
    })) as T;
  }

  /** GET a URL the API handed out (a `paging.next`); its `access_token` is moved to the header. */
  async getUrl<T>(absoluteUrl: string): Promise<T> {
    return (await this.#send(pagingUrl(this.#base, absoluteUrl, this.#redact))) as T;
  }

  /** Each page's `data` of a list edge, following `paging.next` until the last page. */
  paginate<T>(path: string, params?: GraphParams): AsyncGenerator<T[], void, unknown> {
    return walkPages<T>(
      () => this.#page<T>(graphUrl(this.#base, path, params)),
      (next) => this.#page<T>(pagingUrl(this.#base, next, this.#redact)),
    );
  }

  /** Closes the client's own connection pool (an injected dispatcher is left to its owner). */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  async #page<T>(url: URL): Promise<GraphPage<T>> {
    const body = await this.#send(url);
    if (typeof body === 'object' && body !== null && Array.isArray((body as GraphPage<T>).data)) {
      return body as GraphPage<T>;
    }
    const context = this.#contextFor(url);
    throw new GraphError({
      category: 'bad_request',
      message: `${context.what}: expected a list with a "data" array`,
      path: context.path,
    });
  }

  async #send(url: URL, write?: WriteRequest): Promise<unknown> {
    const context = this.#contextFor(url, write?.method);
    for (let retries = 0; ; retries++) {
      await this.#waitForTurn(context);
      try {
        return await this.#attempt(url, context, write);
      } catch (error) {
        if (!(error instanceof GraphError)) throw error;
        if (write && !write.retry) throw error;
        const decision = decideRetry(error, retries, this.#retry);
        if (!decision.retry) throw error;
        this.#logger.info(
          this.#redact(
            `Retrying in ${decision.delayMs} ms (${retries + 1}/${this.#retry.maxRetries}) after ${error.category} error: ${error.message}`,
          ),
        );
        if (decision.scope === 'throttle') this.#pacer.hold(decision.delayMs);
        else await this.#sleep(decision.delayMs);
      }
    }
  }

  async #waitForTurn(context: RequestContext): Promise<void> {
    const throttledForMs = this.#throttledUntil - Date.now();
    if (throttledForMs > this.#retry.maxWaitMs) {
      // Calling while throttled extends the block (Graph "Rate Limits"), so fail without a call.
      throw new GraphError({
        category: 'rate_limit',
        message: `${context.what}: rate limited for another ${Math.ceil(throttledForMs / 60_000)} min, longer than maxWaitMs (${this.#retry.maxWaitMs} ms)`,
        path: context.path,
        retryAfterMs: throttledForMs,
      });
    }
    await this.#pacer.turn();
  }

  async #attempt(url: URL, context: RequestContext, write?: WriteRequest): Promise<unknown> {
    this.#requestCount++;
    const started = performance.now();
    let status: number;
    let text: string;
    let headers: Record<string, string | string[] | undefined>;
    try {
      const response = await request(url, {
        dispatcher: this.#dispatcher,
        method: write?.method ?? 'GET',
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: 'application/json',
          ...(write && { 'content-type': 'application/x-www-form-urlencoded' }),
        },
        ...(write && { body: write.form.toString() }),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      status = response.statusCode;
      headers = response.headers;
      text = await response.body.text();
    } catch (cause) {
      throw errorFromNetwork(context, cause, this.#timeoutMs);
    }
    const usage = this.#observeUsage(headers);
    this.#logger.debug(
      this.#redact(`${context.what} → ${status} in ${Math.round(performance.now() - started)} ms`),
    );
    return readBody(context, status, text, usage);
  }

  #observeUsage(headers: Record<string, string | string[] | undefined>): GraphUsage | undefined {
    const usage = parseUsageHeaders(headers, (name, value) =>
      this.#logger.debug(
        this.#redact(`Ignoring unreadable ${name} header: ${value.slice(0, 200)}`),
      ),
    );
    if (usage !== undefined) this.#usage = usage;
    const spacing = spacingMs(usage, this.#slowDown);
    this.#pacer.setSpacing(spacing);
    if (usage !== undefined) this.#observeThrottle(usage.regainAccessMs);
    this.#reportHighUsage(usage, spacing);
    return usage;
  }

  #observeThrottle(regainAccessMs: number): void {
    this.#throttledUntil = regainAccessMs > 0 ? Date.now() + regainAccessMs : 0;
    if (regainAccessMs > 0 && regainAccessMs <= this.#retry.maxWaitMs)
      this.#pacer.hold(regainAccessMs);
  }

  #reportHighUsage(usage: GraphUsage | undefined, spacing: number): void {
    if (spacing === 0 || usage === undefined) {
      this.#warnedHighUsage = false;
      return;
    }
    const message = `Graph API usage at ${usage.maxPercent}% of the rate limit; spacing requests ${spacing} ms apart`;
    if (this.#warnedHighUsage) {
      this.#logger.debug(message);
      return;
    }
    this.#warnedHighUsage = true;
    this.#logger.warn(message);
  }

  #contextFor(url: URL, method = 'GET'): RequestContext {
    return {
      what: this.#redact(`${method} ${url.pathname}`),
      path: this.#redact(url.pathname + url.search),
      redact: this.#redact,
    };
  }
}

interface WriteRequest {
  method: 'POST';
  form: URLSearchParams;
  retry: boolean;
}

function readBody(
  context: RequestContext,
  status: number,
  text: string,
  usage: GraphUsage | undefined,
): unknown {
  let body: unknown;
  try {
    body = parseJson(text);
  } catch {
    throw errorFromUnreadableBody(context, status, text);
  }
  const failed = status < 200 || status >= 300 || readErrorEnvelope(body) !== undefined;
  if (failed) throw errorFromResponse(context, status, body, usage?.regainAccessMs || undefined);
  return body;
}
