/** Environment variables by name, as `process.env` holds them; tests pass records of their own. */
export type Env = Record<string, string | undefined>;

/**
 * The process environment: the one place the package reads `process.env` (its CLIs aside).
 * Settings are read from it as plain strings, not through `astro:env`, because the same server
 * code also runs outside Astro's runtime: in `npm run ig`, scripts/serve.ts and tests.
 */
export function processEnv(): Env {
  return process.env;
}
