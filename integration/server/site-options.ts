import configured from 'virtual:astro-instagram-sync/config';
import { resolveOptions, type ResolvedOptions } from '../options.ts';
import { processEnv, type Env } from '../shared/env.ts';

/**
 * The site's options in Astro's runtime: those set in astro.config (through the integration's
 * virtual module), with this process's environment filling what the config leaves unset.
 * Resolved once per process.
 */
export function siteOptions(env: Env = processEnv()): ResolvedOptions {
  resolved ??= resolveOptions(configured, env);
  return resolved;
}

let resolved: ResolvedOptions | undefined;
