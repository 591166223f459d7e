export interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
}

export interface RequestCounter {
  count(routeKey: string): void;
  snapshot(): RequestCounts;
  reset(): void;
}

/** Counts every Graph and CDN request by route key, faulted ones included. */
export function createRequestCounter(): RequestCounter {
  let byRoute: Record<string, number> = {};
  let total = 0;
  return {
    count(routeKey) {
      total += 1;
      byRoute[routeKey] = (byRoute[routeKey] ?? 0) + 1;
    },
    snapshot: () => ({ total, byRoute: { ...byRoute } }),
    reset() {
      byRoute = {};
      total = 0;
    },
  };
}
