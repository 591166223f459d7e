import type { RebuildStatus } from './rebuild-trigger.ts';

/**
 * The rebuild trigger's state as the store keeps it: one document that every instance reads and
 * changes (in a transaction: `StateStore#updateRebuildStatus`).
 */
export interface RebuildRecord {
  lastRequestedAt?: string;
  lastReason?: string;
  /** Requests counted so far. A count rather than a time: the instances' clocks may differ. */
  requests?: number;
  /** How many of them need no more trigger: counted before a trigger started, or with no hook. */
  covered?: number;
  /** ISO: when the oldest request not yet covered came; bounds the wait for a quiet period. */
  pendingSince?: string;
  lastTriggeredAt?: string;
  /** What the last trigger did. (`pending` only in records written before requests were counted.) */
  lastOutcome?: 'ok' | 'failed' | 'pending';
  lastError?: string;
  lastAttempts?: number;
}

function counts(record: RebuildRecord): { requests: number; covered: number } {
  if (record.requests !== undefined)
    return { requests: record.requests, covered: record.covered ?? 0 };
  // Written before requests were counted: a waiting request was marked `pending`.
  return { requests: record.lastOutcome === 'pending' ? 1 : 0, covered: 0 };
}

/** Requests counted so far: a trigger that starts now covers this many. */
export const requestCount = (record: RebuildRecord): number => counts(record).requests;

/** Requests no trigger has covered yet. */
export const pendingRequests = (record: RebuildRecord): number => {
  const { requests, covered } = counts(record);
  return requests - covered;
};

/** One more request; with no hook it needs no trigger, and only shows in /admin. */
export function recordRequest(
  record: RebuildRecord | undefined,
  { at, reason, triggers }: { at: string; reason: string; triggers: boolean },
): RebuildRecord {
  const { lastOutcome, pendingSince, ...rest } = record ?? {};
  const { requests, covered } = counts(record ?? {});
  const waiting = requests > covered;
  return {
    ...rest,
    ...(lastOutcome && lastOutcome !== 'pending' && { lastOutcome }),
    lastRequestedAt: at,
    lastReason: reason,
    requests: requests + 1,
    covered: triggers ? covered : requests + 1,
    ...(triggers && { pendingSince: waiting ? (pendingSince ?? at) : at }),
  };
}

/**
 * A finished trigger: the requests counted when it started (`upTo`) are covered; those that came
 * while the hook ran still wait, as if they came when it started.
 */
export function recordTrigger(
  record: RebuildRecord | undefined,
  {
    upTo,
    startedAt,
    at,
    outcome,
  }: {
    upTo: number;
    startedAt: string;
    at: string;
    outcome: Pick<RebuildRecord, 'lastOutcome' | 'lastAttempts' | 'lastError'>;
  },
): RebuildRecord {
  const { lastError: _, lastOutcome: __, pendingSince: ___, ...rest } = record ?? {};
  const { requests, covered } = counts(record ?? {});
  const nowCovered = Math.max(covered, upTo);
  return {
    ...rest,
    ...outcome,
    requests,
    covered: nowCovered,
    lastTriggeredAt: at,
    ...(requests > nowCovered && { pendingSince: startedAt }),
  };
}

/** What /admin shows: `pending` while a request waits for a trigger (with a hook). */
export function statusOf(record: RebuildRecord, hookKind: string | undefined): RebuildStatus {
  const { lastRequestedAt, lastReason, lastTriggeredAt, lastOutcome, lastError, lastAttempts } =
    record;
  const pending = hookKind !== undefined && pendingRequests(record) > 0;
  const outcome = pending ? 'pending' : lastOutcome === 'pending' ? undefined : lastOutcome;
  return {
    configured: hookKind !== undefined,
    ...(hookKind && { hookKind }),
    ...(lastRequestedAt && { lastRequestedAt }),
    ...(lastReason && { lastReason }),
    ...(lastTriggeredAt && { lastTriggeredAt }),
    ...(outcome && { lastOutcome: outcome }),
    ...(lastError && { lastError }),
    ...(lastAttempts && { lastAttempts }),
  };
}
