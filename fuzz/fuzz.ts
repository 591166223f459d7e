import fc from 'fast-check';
import { Agent, request } from 'undici';
import { SERVER_ROUTES } from '../integration/server/routes.ts';
import { type FuzzRequest, fuzzRequest } from './inputs.ts';
import { ADMIN_API_TOKEN, APP_SECRET, type Target, VERIFY_TOKEN } from './target.ts';

export interface FuzzOptions {
  seed: number;
  requests: number;
  /** The run stops after this long even if fewer requests were sent. */
  timeLimitMs: number;
  /** Only the routes whose pattern contains this. */
  only?: string;
  /** Progress lines; silent when absent. */
  log?: (line: string) => void;
}

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'error';

export interface FuzzReport {
  seed: number;
  sent: number;
  ms: number;
  counts: Record<string, Record<StatusClass, number>>;
  /** The first few requests answered with a 5xx or no answer, with what came back. */
  failures: { request: FuzzRequest; status: number | string; body: string }[];
  /** Set when the server process stopped during the run. */
  crashed?: string;
}

const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Sends `requests` generated requests (fast-check, seeded) one after another and counts the
 * answers per route. A 5xx, a request with no answer, or a server that stopped is a failure.
 */
export async function fuzz(target: Target, options: FuzzOptions): Promise<FuzzReport> {
  const dispatcher = new Agent({ connections: 4, keepAliveTimeout: 10_000 });
  const counts = Object.fromEntries(
    SERVER_ROUTES.map((route) => [
      route.pattern,
      { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, error: 0 },
    ]),
  ) as FuzzReport['counts'];
  const failures: FuzzReport['failures'] = [];
  let sent = 0;
  const started = performance.now();
  const arbitrary = fuzzRequest(
    {
      accountId: target.accountId,
      events: target.events,
      photos: target.photos,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
    },
    options.only,
  );
  const property = fc.asyncProperty(arbitrary, async (fuzzed) => {
    const { status, body } = await send(target, fuzzed, dispatcher);
    sent++;
    const statusClass = classOf(status);
    const count = counts[fuzzed.route];
    if (count) count[statusClass]++;
    if (statusClass === '5xx' || statusClass === 'error') {
      if (failures.length < 20)
        failures.push({ request: fuzzed, status, body: body.slice(0, 500) });
    }
    if (sent % 1000 === 0)
      options.log?.(`${sent} requests, ${Math.round(performance.now() - started)} ms`);
    // Only a dead server ends the run early: every other failure is counted and reported.
    return target.exited() === undefined;
  });
  const result = await fc.check(property, {
    seed: options.seed,
    numRuns: options.requests,
    interruptAfterTimeLimit: options.timeLimitMs,
    markInterruptAsFailure: false,
    endOnFailure: true,
  });
  await dispatcher.close();
  const crashed =
    target.exited() ??
    (result.failed && result.errorInstance ? String(result.errorInstance) : undefined);
  return {
    seed: options.seed,
    sent,
    ms: Math.round(performance.now() - started),
    counts,
    failures,
    ...(crashed && { crashed }),
  };
}

async function send(
  target: Target,
  fuzzed: FuzzRequest,
  dispatcher: Agent,
): Promise<{ status: number | string; body: string }> {
  const headers: Record<string, string> = { ...fuzzed.headers };
  if (fuzzed.caller === 'admin-token') headers.authorization = `Bearer ${ADMIN_API_TOKEN}`;
  if (fuzzed.caller === 'admin-session' || fuzzed.caller === 'cross-site-session') {
    headers.cookie = target.sessionCookie;
    if (fuzzed.caller === 'admin-session') {
      headers['sec-fetch-site'] = 'same-origin';
      delete headers.origin;
    } else headers.origin = 'https://evil.example';
  }
  try {
    const answer = await request(`${target.url}${fuzzed.path}`, {
      method: fuzzed.method as 'GET',
      headers,
      ...(fuzzed.body && { body: fuzzed.body }),
      dispatcher,
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
    });
    const body = answer.statusCode >= 500 ? await answer.body.text() : '';
    if (answer.statusCode < 500) await answer.body.dump({ limit: 8 * 1024 * 1024 });
    return { status: answer.statusCode, body };
  } catch (error) {
    // The server may close the connection on a refused oversized body before reading it all: an
    // answer was sent, so that is not a failure when the server is alive and answers again.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (fuzzed.body && fuzzed.body.byteLength > 1024 * 1024 && (await answers(target)))
      return { status: 413, body: message };
    return { status: 'no answer', body: message };
  }
}

async function answers(target: Target): Promise<boolean> {
  try {
    const answer = await request(`${target.url}/api/instagram/token/status`, {
      headers: { authorization: `Bearer ${ADMIN_API_TOKEN}` },
      headersTimeout: REQUEST_TIMEOUT_MS,
    });
    await answer.body.dump();
    return answer.statusCode === 200;
  } catch {
    return false;
  }
}

function classOf(status: number | string): StatusClass {
  if (typeof status !== 'number') return 'error';
  if (status >= 500) return '5xx';
  if (status >= 400) return '4xx';
  if (status >= 300) return '3xx';
  return '2xx';
}

/** The per-route table: one line per route, status classes in columns, a total line. */
export function formatReport(report: FuzzReport): string {
  const classes: StatusClass[] = ['2xx', '3xx', '4xx', '5xx', 'error'];
  const width = Math.max(...Object.keys(report.counts).map((route) => route.length));
  const line = (name: string, cells: (string | number)[]) =>
    `${name.padEnd(width)}  ${cells.map((cell) => String(cell).padStart(6)).join(' ')}`;
  const rows = [line('route', [...classes, 'total'])];
  const totals = Object.fromEntries(classes.map((name) => [name, 0])) as Record<
    StatusClass,
    number
  >;
  for (const [route, count] of Object.entries(report.counts)) {
    const total = classes.reduce((sum, name) => sum + count[name], 0);
    for (const name of classes) totals[name] += count[name];
    rows.push(line(route, [...classes.map((name) => count[name]), total]));
  }
  rows.push(line('all routes', [...classes.map((name) => totals[name]), report.sent]));
  return rows.join('\n');
}
