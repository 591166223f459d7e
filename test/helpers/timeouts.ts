/**
 * How long a test that builds a whole site may take before it counts as hung. A guard against
 * hangs, not a speed check: a cold build on a busy 2-core machine can take several minutes.
 */
export const BUILD_TIMEOUT_MS = 20 * 60_000;
