import { STATUS_CODES } from 'node:http';
import {
  accountThrottled,
  type GraphErrorSpec,
  statusForCode,
  unexpectedError,
} from '../core/errors.ts';
import { ROUTE_KEYS } from '../http/router.ts';

/** One injected fault; every key but `route` is optional and they combine. */
export interface FaultSpec {
  /** A route key such as `GET /{ig-user-id}/media`, or `*` for every route. */
  route: string;
  /** How many matching requests it applies to; 0 = until cleared. Default 1. */
  times?: number;
  /** Answer this status (with a Graph error fitting it unless `error` is given). */
  status?: number;
  /** Answer this Graph error envelope. */
  error?: FaultError;
  /** Wait this long before answering (normally, unless other keys say otherwise). */
  delayMs?: number;
  /** `malformed`: 200 with invalid JSON; `truncated`: the socket closes mid-body; `empty`: 200 with no body. */
  body?: 'malformed' | 'truncated' | 'empty';
  /** Added to (or replacing) the headers of an otherwise normal answer. */
  headers?: Record<string, string>;
  /** Answer normally, but with every CDN link already expired. */
  expireCdnUrls?: boolean;
  /** Handle the request fully (a publish happens), then close the connection without answering. */
  dropResponse?: boolean;
}

export interface FaultError {
  code: number;
  subcode?: number;
  message?: string;
  type?: string;
  isTransient?: boolean;
}

export interface ActiveFault extends FaultSpec {
  id: string;
  /** Requests left before it is used up; Infinity for `times: 0`. */
  remaining: number;
}

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

export interface FaultQueue {
  add(spec: FaultSpec): ActiveFault;
  /** The first fault (in insertion order) matching the route, used up by one. */
  take(routeKey: string): ActiveFault | undefined;
  list(): ActiveFault[];
  clear(): void;
}

export function createFaultQueue(): FaultQueue {
  let faults: ActiveFault[] = [];
  let nextId = 1;
  return {
    add(spec) {
      const checked = checkFaultSpec(spec);
      const fault: ActiveFault = {
        ...checked,
        id: `fault-${nextId++}`,
        remaining: checked.times === 0 ? Infinity : (checked.times ?? 1),
      };
      faults.push(fault);
      return fault;
    },
    take(routeKey) {
      const fault = faults.find((f) => f.route === routeKey || f.route === '*');
      if (!fault) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
      return fault;
    },
    list: () => [...faults],
    clear() {
      faults = [];
    },
  };
}

/** Validates a fault from the control API or from code, with messages naming the bad key. */
export function checkFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new FaultSpecError('A fault must be a JSON object');
  const spec = input as Record<string, unknown>;
  const fail = (message: string): never => {
    throw new FaultSpecError(message);
  };
  if (
    typeof spec.route !== 'string' ||
    !(spec.route === '*' || (ROUTE_KEYS as readonly string[]).includes(spec.route))
  ) {
    fail(`fault.route must be "*" or one of: ${ROUTE_KEYS.join(', ')}`);
  }
  if (spec.times !== undefined && !(Number.isInteger(spec.times) && (spec.times as number) >= 0))
    fail('fault.times must be a whole number ≥ 0');
  if (
    spec.status !== undefined &&
    !(
      Number.isInteger(spec.status) &&
      (spec.status as number) >= 200 &&
      (spec.status as number) <= 599
    )
  ) {
    fail('fault.status must be an HTTP status between 200 and 599');
  }
  if (spec.delayMs !== undefined && !(typeof spec.delayMs === 'number' && spec.delayMs >= 0))
    fail('fault.delayMs must be a number ≥ 0');
  if (
    spec.body !== undefined &&
    !['malformed', 'truncated', 'empty'].includes(spec.body as string)
  ) {
    fail('fault.body must be "malformed", "truncated" or "empty"');
  }
  if (spec.headers !== undefined && !isStringRecord(spec.headers))
    fail('fault.headers must be an object of header names to string values');
  if (spec.expireCdnUrls !== undefined && typeof spec.expireCdnUrls !== 'boolean')
    fail('fault.expireCdnUrls must be true or false');
  if (spec.dropResponse !== undefined && typeof spec.dropResponse !== 'boolean')
    fail('fault.dropResponse must be true or false');
  if (spec.error !== undefined) checkFaultError(spec.error, fail);
  return spec as unknown as FaultSpec;
}

function checkFaultError(error: unknown, fail: (message: string) => never): void {
  if (typeof error !== 'object' || error === null)
    fail('fault.error must be an object with at least a numeric code');
  const e = error as Record<string, unknown>;
  if (!Number.isInteger(e.code)) fail('fault.error.code must be a whole number');
  if (e.subcode !== undefined && !Number.isInteger(e.subcode))
    fail('fault.error.subcode must be a whole number');
  if (e.message !== undefined && typeof e.message !== 'string')
    fail('fault.error.message must be a string');
  if (e.type !== undefined && typeof e.type !== 'string') fail('fault.error.type must be a string');
  if (e.isTransient !== undefined && typeof e.isTransient !== 'boolean')
    fail('fault.error.isTransient must be true or false');
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** A fault's error and the HTTP status to answer it with. */
export interface FaultErrorAnswer {
  spec: GraphErrorSpec;
  status: number;
}

/** The Graph error an `error` or `status` fault answers, with its HTTP status; undefined if the fault has neither. */
export function faultError(fault: FaultSpec): FaultErrorAnswer | undefined {
  if (fault.error) {
    const spec = errorFromFault(fault.error);
    return { spec, status: fault.status ?? statusForCode(spec.code) };
  }
  if (fault.status !== undefined && fault.status >= 400)
    return { spec: errorForStatus(fault.status), status: fault.status };
  return undefined;
}

// Transient codes per developers.facebook.com/docs/graph-api/guides/error-handling (plus the 8000x BUC throttles).
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);

function errorFromFault(error: FaultError): GraphErrorSpec {
  const isTransient =
    error.isTransient ??
    (TRANSIENT_CODES.has(error.code) || (error.code >= 80000 && error.code <= 80014)
      ? true
      : undefined);
  return {
    message: error.message ?? defaultMessage(error.code),
    type: error.type ?? 'OAuthException',
    code: error.code,
    // `subcode: 0` means none, as in Graph where the key is then left out.
    subcode: error.subcode || undefined,
    isTransient,
  };
}

function defaultMessage(code: number): string {
  if (code === 2) return unexpectedError().message;
  if (code === 1) return 'An unknown error occurred';
  if (code === 190) return 'Invalid OAuth access token - Cannot parse access token';
  if (code === 4) return '(#4) Application request limit reached';
  if (code === 80002) return accountThrottled().message;
  return `(#${code}) ${STATUS_CODES[statusForCode(code)] ?? 'Error'}`;
}

function errorForStatus(status: number): GraphErrorSpec {
  if (status >= 500) return unexpectedError();
  if (status === 429) return errorFromFault({ code: 4 });
  if (status === 401) return errorFromFault({ code: 190 });
  if (status === 403) return errorFromFault({ code: 200, message: '(#200) Permissions error' });
  return errorFromFault({ code: 100, message: '(#100) Invalid parameter' });
}
