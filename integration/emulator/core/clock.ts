export interface EmulatorClock {
  now(): number;
  advance(seconds: number): void;
  reset(): void;
}

/** The base clock plus an offset the control API moves, so tests can expire tokens and links. */
export function createClock(base: () => number): EmulatorClock {
  let offsetMs = 0;
  return {
    now: () => base() + offsetMs,
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    reset() {
      offsetMs = 0;
    },
  };
}
