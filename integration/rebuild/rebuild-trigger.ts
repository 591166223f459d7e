/** What starts a rebuild of the static site when content changed between builds. */
export interface RebuildTrigger {
  /** Asks for a rebuild; bursts of requests become one rebuild. `reason` is shown in /admin. */
  request(reason: string): void;
  /** The last request, the last trigger and its outcome, for /admin. */
  status(): Promise<RebuildStatus>;
}

export interface RebuildStatus {
  configured: boolean;
  /** `http`, `github` or `command` when configured. */
  hookKind?: string;
  lastRequestedAt?: string;
  lastReason?: string;
  lastTriggeredAt?: string;
  lastOutcome?: 'ok' | 'failed' | 'pending';
  lastError?: string;
  /** Attempts the last trigger took. */
  lastAttempts?: number;
}

/** Used until a rebuild hook is configured: requests are remembered, nothing is triggered. */
export function noRebuildHook(): RebuildTrigger {
  let last: Pick<RebuildStatus, 'lastRequestedAt' | 'lastReason'> = {};
  return {
    request(reason) {
      last = { lastRequestedAt: new Date().toISOString(), lastReason: reason };
    },
    status: async () => ({ configured: false, ...last }),
  };
}
