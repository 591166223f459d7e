import path from 'node:path';
import { wholeNumberSetting } from '../env-number.ts';
import type { Env } from '../shared/env.ts';
import { DEFAULT_STATE_DB_PATH } from '../store/index.ts';

export interface LiveSettings {
  /** How old the live posts may be: one Graph call per account per TTL. */
  ttlMs: number;
  /** The size cap of the live pictures' folder. */
  mediaCacheBytes: number;
  /** `live-media/` in the server's data folder (beside STATE_DB_PATH's file). */
  mediaDir: string;
}

/** LIVE_TTL_SECONDS (default 60) and LIVE_MEDIA_CACHE_MB (default 200), checked. */
export function readLiveSettings(env: Env): LiveSettings {
  const ttlSeconds = wholeNumberSetting(env, 'LIVE_TTL_SECONDS', {
    min: 1,
    max: 3600,
    fallback: 60,
    unit: 'seconds',
  });
  const cacheMb = wholeNumberSetting(env, 'LIVE_MEDIA_CACHE_MB', {
    min: 1,
    max: 1_000_000,
    fallback: 200,
    unit: 'megabytes',
  });
  const dataDir = path.dirname(path.resolve(env.STATE_DB_PATH || DEFAULT_STATE_DB_PATH));
  return {
    ttlMs: ttlSeconds * 1000,
    mediaCacheBytes: cacheMb * 1024 * 1024,
    mediaDir: path.join(dataDir, 'live-media'),
  };
}
