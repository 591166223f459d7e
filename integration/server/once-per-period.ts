import { taskHolder, type Leases } from '../store/index.ts';

export interface OncePerPeriodOptions {
  /** The lease that marks a period's run as taken, by whichever instance ran it. */
  lease: string;
  leases: Leases;
  /** The work runs once per period across every instance on the store. */
  periodMs: number;
  /** How often each instance looks whether the period's run is still to do. */
  everyMs: number;
  /** The first look, after start. */
  firstRunMs: number;
  run: () => Promise<void>;
  /** For "cannot reach the state store" lines, e.g. "token check". */
  label: string;
  log: (line: string) => void;
}

/**
 * Runs `run` once per period while any instance runs: every instance looks every `everyMs` (and
 * `firstRunMs` after its start); the first to look in a period takes the lease for the whole
 * period (with a holder of its own: not even this instance may "renew" it) and runs the work,
 * the others find it taken. The lease is not released: it marks the period as done. If that
 * instance dies, another takes the next period's lease when it looks. Returns a stop function.
 */
export function startOncePerPeriod({
  lease,
  leases,
  periodMs,
  everyMs,
  firstRunMs,
  run,
  label,
  log,
}: OncePerPeriodOptions): () => void {
  const look = async () => {
    const taken = await leases.store
      .acquireLease(lease, taskHolder(leases), periodMs, (leases.now ?? Date.now)())
      .catch((error: Error) => {
        log(`${label}: cannot reach the state store: ${error.message}`);
        return false;
      });
    if (taken) await run();
  };
  const first = setTimeout(look, firstRunMs);
  const repeat = setInterval(look, everyMs);
  first.unref();
  repeat.unref();
  return () => {
    clearTimeout(first);
    clearInterval(repeat);
  };
}
