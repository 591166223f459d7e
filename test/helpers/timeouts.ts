/**
 * How long a test that builds a whole site may take before it counts as hung. A guard against
 * hangs, not a speed check: a cold build on a busy 2-core machine can take several minutes, and a build took over 20
 * minutes with a CPU hog and other test runs sharing 2 cores (load average 12).
 */
export const BUILD_TIMEOUT_MS = 45 * 60_000;
