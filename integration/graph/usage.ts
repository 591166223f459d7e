import { parseJson } from './json.ts';

/** One Business Use Case entry of `X-Business-Use-Case-Usage`. */
export interface GraphBusinessUsage {
  type: string;
  callCount: number;
  totalTime: number;
  totalCputime: number;
  estimatedTimeToRegainAccessMin: number;
}

/**
 * Rate-limit usage reported by the last response. Every count is a percentage of the window
 * (throttling starts at 100), per the Graph "Rate Limits" page.
 */
export interface GraphUsage {
  appCallCount?: number;
  appTotalTime?: number;
  appTotalCputime?: number;
  /** By business object id (for Instagram, the account). */
  business?: Record<string, GraphBusinessUsage[]>;
  /** The largest percentage across every entry of both headers. */
  maxPercent: number;
  /** The longest `estimated_time_to_regain_access`, in ms (0 when not throttled). */
  regainAccessMs: number;
}

type HeaderValue = string | string[] | undefined;

const MINUTE_MS = 60_000;

/**
 * Reads `x-app-usage` and `x-business-use-case-usage` from response headers (any case).
 * Returns `undefined` when neither is present or readable: low-volume apps
 * get no usage headers at all. A header that is not JSON is reported through `onBadHeader`.
 */
export function parseUsageHeaders(
  headers: Record<string, HeaderValue>,
  onBadHeader: (name: string, value: string) => void = () => {},
): GraphUsage | undefined {
  const app = readHeaderJson(headers, 'x-app-usage', onBadHeader);
  const business = readHeaderJson(headers, 'x-business-use-case-usage', onBadHeader);
  const appUsage = isRecord(app) ? parseAppUsage(app) : {};
  const businessUsage = isRecord(business) ? parseBusinessUsage(business) : undefined;
  if (!isRecord(app) && businessUsage === undefined) return undefined;
  const entries = Object.values(businessUsage ?? {}).flat();
  const percents = [appUsage.appCallCount, appUsage.appTotalTime, appUsage.appTotalCputime]
    .concat(entries.flatMap((entry) => [entry.callCount, entry.totalTime, entry.totalCputime]))
    .filter((value) => value !== undefined);
  const regainMin = Math.max(0, ...entries.map((entry) => entry.estimatedTimeToRegainAccessMin));
  return {
    ...appUsage,
    ...(businessUsage === undefined ? {} : { business: businessUsage }),
    maxPercent: Math.max(0, ...percents),
    regainAccessMs: regainMin * MINUTE_MS,
  };
}

function parseAppUsage(
  value: Record<string, unknown>,
): Pick<GraphUsage, 'appCallCount' | 'appTotalTime' | 'appTotalCputime'> {
  const usage: Pick<GraphUsage, 'appCallCount' | 'appTotalTime' | 'appTotalCputime'> = {};
  const callCount = percent(value.call_count);
  const totalTime = percent(value.total_time);
  const totalCputime = percent(value.total_cputime);
  if (callCount !== undefined) usage.appCallCount = callCount;
  if (totalTime !== undefined) usage.appTotalTime = totalTime;
  if (totalCputime !== undefined) usage.appTotalCputime = totalCputime;
  return usage;
}

function parseBusinessUsage(
  value: Record<string, unknown>,
): Record<string, GraphBusinessUsage[]> | undefined {
  const byId: Record<string, GraphBusinessUsage[]> = {};
  for (const [id, list] of Object.entries(value)) {
    if (!Array.isArray(list)) continue;
    byId[id] = list.filter(isRecord).map(parseBusinessEntry);
  }
  return Object.keys(byId).length > 0 ? byId : undefined;
}

function parseBusinessEntry(entry: Record<string, unknown>): GraphBusinessUsage {
  return {
    type: typeof entry.type === 'string' ? entry.type : 'unknown',
    callCount: percent(entry.call_count) ?? 0,
    totalTime: percent(entry.total_time) ?? 0,
    totalCputime: percent(entry.total_cputime) ?? 0,
    estimatedTimeToRegainAccessMin: percent(entry.estimated_time_to_regain_access) ?? 0,
  };
}

function readHeaderJson(
  headers: Record<string, HeaderValue>,
  name: string,
  onBadHeader: (name: string, value: string) => void,
): unknown {
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
  const raw = key === undefined ? undefined : headers[key];
  const value = Array.isArray(raw) ? raw.at(-1) : raw;
  if (value === undefined || value.trim() === '') return undefined;
  try {
    const parsed = parseJson(value);
    if (isRecord(parsed)) return parsed;
  } catch {
    // reported below
  }
  onBadHeader(name, value);
  return undefined;
}

function percent(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? number : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface SlowDownPolicy {
  /** Usage percentage from which requests are spaced out. */
  slowDownAtPercent: number;
  /** The spacing at 100 %; it grows linearly from `MIN_SPACING_MS` at the threshold. */
  maxSlowDownMs: number;
}

const MIN_SPACING_MS = 250;

/** How far apart to space requests given the last reported usage (0: no need). */
export function spacingMs(usage: GraphUsage | undefined, policy: SlowDownPolicy): number {
  if (usage === undefined || usage.maxPercent < policy.slowDownAtPercent) return 0;
  const span = Math.max(1, 100 - policy.slowDownAtPercent);
  const fraction = Math.min(1, (usage.maxPercent - policy.slowDownAtPercent) / span);
  const floor = Math.min(MIN_SPACING_MS, policy.maxSlowDownMs);
  return Math.round(floor + fraction * (policy.maxSlowDownMs - floor));
}
