import { MockAgent } from 'undici';
import { GraphClient, type GraphClientOptions, GraphError } from '../../integration/graph/index.ts';

export const ORIGIN = 'https://graph.test';
export const BASE_URL = `${ORIGIN}/v26.0`;
/** Matches none of the token patterns, so only literal redaction can hide it. */
export const TOKEN = 'demo-token';

export interface RecordedRequest {
  path: string;
  headers: Record<string, string>;
}

export interface Reply {
  status?: number;
  /** An object is sent as JSON; a string is sent as is (for malformed bodies and big integers). */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

/**
 * A GraphClient wired to an undici MockAgent: replies are queued per path (each used once),
 * requests, sleeps and log lines are recorded, and nothing reaches the network.
 */
export function mockGraph(options: Partial<GraphClientOptions> = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(ORIGIN);
  const requests: RecordedRequest[] = [];
  const sleeps: number[] = [];
  const logs = { debug: [] as string[], info: [] as string[], warn: [] as string[] };

  function reply(path: string, ...replies: Reply[]): void {
    for (const { status = 200, body = {}, headers = {}, delayMs } of replies) {
      const scope = pool
        .intercept({
          path: (seen: string) => seen === path || seen.startsWith(`${path}?`),
          method: 'GET',
        })
        .reply((request) => {
          requests.push({ path: request.path, headers: request.headers as Record<string, string> });
          const data = typeof body === 'string' ? body : JSON.stringify(body);
          return { statusCode: status, data, responseOptions: { headers } };
        });
      if (delayMs !== undefined) scope.delay(delayMs);
    }
  }

  const client = new GraphClient({
    baseUrl: BASE_URL,
    accessToken: TOKEN,
    dispatcher: agent,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    logger: {
      debug: (msg) => logs.debug.push(msg),
      info: (msg) => logs.info.push(msg),
      warn: (msg) => logs.warn.push(msg),
    },
    ...options,
  });

  const allLogs = () => [...logs.debug, ...logs.info, ...logs.warn];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await client.close();
    await agent.close();
  };
  return { agent, pool, client, requests, sleeps, logs, allLogs, reply, close };
}

/** A Graph error response body: the `{"error":{…}}` envelope. */
export function graphError(code: number, message: string, extra: Record<string, unknown> = {}) {
  return { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf123', ...extra } };
}

/** An `x-business-use-case-usage` header for one Instagram account. */
export function bucUsage(callCount: number, regainMinutes = 0, id = '17841405822304914') {
  return {
    'x-business-use-case-usage': JSON.stringify({
      [id]: [
        {
          type: 'instagram',
          call_count: callCount,
          total_cputime: 1,
          total_time: 1,
          estimated_time_to_regain_access: regainMinutes,
        },
      ],
    }),
  };
}

/**
 * Runs `promise` to its rejection and returns the GraphError (fails the test if it resolves or
 * rejects with anything else).
 */
export async function rejectionOf(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}
