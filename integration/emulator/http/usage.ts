import type { EmulatorClock } from '../core/clock.ts';
import type { Account } from '../core/store.ts';

export const DEFAULT_CALL_BUDGET_PER_HOUR = 4800;
const WINDOW_MS = 3600_000;

export interface UsageCheck {
  allowed: boolean;
  headers: Record<string, string>;
}

export interface UsageMeter {
  /** Records `count` calls (default 1) for the account, unless its budget is used up. */
  record(account: Account, count?: number): UsageCheck;
  reset(): void;
}

/**
 * Business Use Case accounting per account over a rolling hour. Graph reports usage as whole
 * percentages and, once throttled, minutes until access returns
 * (developers.facebook.com/docs/graph-api/overview/rate-limiting).
 */
export function createUsageMeter(
  clock: EmulatorClock,
  defaultBudget = DEFAULT_CALL_BUDGET_PER_HOUR,
): UsageMeter {
  const calls = new Map<string, number[]>();
  return {
    record(account, count = 1) {
      const now = clock.now();
      const budget = account.seed.callBudgetPerHour ?? defaultBudget;
      const recent = (calls.get(account.userId) ?? []).filter(
        (at) => at > now - WINDOW_MS && at <= now,
      );
      calls.set(account.userId, recent);
      if (recent.length >= budget) {
        const regainMinutes = Math.max(
          1,
          Math.ceil(((recent[0] ?? now) + WINDOW_MS - now) / 60_000),
        );
        return { allowed: false, headers: usageHeaders(account.userId, 100, regainMinutes) };
      }
      for (let call = 0; call < count; call++) recent.push(now);
      return {
        allowed: true,
        headers: usageHeaders(
          account.userId,
          Math.min(100, Math.floor((recent.length * 100) / budget)),
          0,
        ),
      };
    },
    reset() {
      calls.clear();
    },
  };
}

function usageHeaders(
  userId: string,
  percent: number,
  regainMinutes: number,
): Record<string, string> {
  return {
    'x-app-usage': JSON.stringify({
      call_count: percent,
      total_time: percent,
      total_cputime: percent,
    }),
    'x-business-use-case-usage': JSON.stringify({
      [userId]: [
        {
          type: 'instagram',
          call_count: percent,
          total_cputime: percent,
          total_time: percent,
          estimated_time_to_regain_access: regainMinutes,
        },
      ],
    }),
  };
}
