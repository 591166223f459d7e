import type { Env } from '../shared/env.ts';
import { wholeNumberSetting } from '../env-number.ts';

/** How the server starts rebuilds, read from the environment. */
export interface RebuildSettings {
  /** DEPLOY_HOOK_URL: a build hook (empty POST) or GitHub's `repository_dispatch` endpoint. */
  url?: string;
  /** DEPLOY_HOOK_TOKEN: sent as `Authorization: Bearer` (GitHub needs it). */
  token?: string;
  /** DEPLOY_HOOK_COMMAND split into words: run without a shell. */
  command?: string[];
  /** Requests are gathered until none came for this long. */
  quietMs: number;
  attempts: number;
  /** Wait before the second attempt; doubled before each next one. */
  backoffMs: number;
}

export function readRebuildSettings(env: Env): RebuildSettings {
  const quietSeconds = Number(env.DEPLOY_HOOK_QUIET_SECONDS ?? 30);
  if (!Number.isFinite(quietSeconds) || quietSeconds < 0 || quietSeconds > 3600) {
    throw new Error(
      'DEPLOY_HOOK_QUIET_SECONDS must be a number of seconds from 0 to 3600 (default 30).',
    );
  }
  const attempts = wholeNumberSetting(env, 'DEPLOY_HOOK_ATTEMPTS', {
    min: 1,
    max: 10,
    fallback: 3,
  });
  const url = env.DEPLOY_HOOK_URL || undefined;
  if (url !== undefined && !/^https?:\/\//.test(url))
    throw new Error('DEPLOY_HOOK_URL must be an http(s) URL.');
  const command = env.DEPLOY_HOOK_COMMAND?.trim().split(/\s+/).filter(Boolean);
  return {
    ...(url && { url }),
    ...(env.DEPLOY_HOOK_TOKEN && { token: env.DEPLOY_HOOK_TOKEN }),
    ...(command?.length && { command }),
    quietMs: quietSeconds * 1000,
    attempts,
    backoffMs: 5_000,
  };
}
