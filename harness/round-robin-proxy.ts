// The load balancer of a test cluster: a small round-robin HTTP proxy on loopback. Each request
// goes to the next instance in turn; an instance taken out of the rotation (one the test killed,
// as a real balancer's health check would) or one that refuses connections is skipped.
import { startForwarder } from './http-forwarder.ts';

export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>`: the cluster's one public origin. */
  url: string;
  /** Sets the instances' origins (once they listen). */
  setBackends(origins: string[]): void;
  /** Takes an instance out of the rotation. */
  markDown(origin: string): void;
  /** How many requests each origin got. */
  counts(): Record<string, number>;
  close(): Promise<void>;
}

export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let backends: string[] = [];
  const down = new Set<string>();
  const counts: Record<string, number> = {};
  let next = 0;
  const forwarder = await startForwarder({
    pick() {
      const live = backends.filter((origin) => !down.has(origin));
      if (live.length === 0) return undefined;
      const origin = live[next++ % live.length];
      return origin;
    },
    onRequest(_request, origin) {
      counts[origin] = (counts[origin] ?? 0) + 1;
    },
    onUnreachable(origin, error) {
      if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') down.add(origin);
    },
  });
  return {
    url: forwarder.url,
    setBackends(origins) {
      backends = [...origins];
    },
    markDown: (origin) => void down.add(origin),
    counts: () => ({ ...counts }),
    close: () => forwarder.close(),
  };
}
