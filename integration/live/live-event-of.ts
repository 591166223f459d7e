import { resolveOptions, type InstagramSyncOptions } from '../options.ts';
import type { LiveEventState } from './live-events.ts';
import { liveRuntime } from './live-runtime.ts';

/** Where event `id` stands for its live page now (its title, zone and window when it exists). */
export function liveEventOf(
  id: string,
  userOptions?: InstagramSyncOptions,
): Promise<LiveEventState> {
  return liveRuntime(resolveOptions(userOptions)).eventState(id);
}
