import type { EmulatorClock } from './clock.ts';
import type { RequestCounter, RequestCounts } from './counters.ts';
import type { ActiveFault, FaultQueue, FaultSpec } from './faults.ts';
import type { UsageMeter } from './usage.ts';

/** What tests drive in-process; `/__control/*` exposes the same over HTTP. */
export interface EmulatorControl {
  /** Queue a fault; faults match in insertion order. Throws FaultSpecError on a bad spec. */
  addFault(fault: FaultSpec): ActiveFault;
  clearFaults(): void;
  /** Faults still queued. */
  faults(): ActiveFault[];
  /** Requests per route key since start or the last reset (control requests excluded). */
  counts(): RequestCounts;
  /** Clears faults, counters, the clock offset and the usage window. */
  reset(): void;
  /** Moves the emulator clock: token expiry, CDN link expiry and the usage window follow it. */
  advanceClock(seconds: number): void;
  /** The emulator clock, in ms. */
  now(): number;
}

export interface ControlDeps {
  faults: FaultQueue;
  counter: RequestCounter;
  clock: EmulatorClock;
  usage: UsageMeter;
}

export function createControl(deps: ControlDeps): EmulatorControl {
  return {
    addFault: (fault) => deps.faults.add(fault),
    clearFaults: () => deps.faults.clear(),
    faults: () => deps.faults.list(),
    counts: () => deps.counter.snapshot(),
    reset() {
      deps.faults.clear();
      deps.counter.reset();
      deps.clock.reset();
      deps.usage.reset();
    },
    advanceClock: (seconds) => deps.clock.advance(seconds),
    now: () => deps.clock.now(),
  };
}
