export { DebouncedRebuild, type DebouncedRebuildOptions } from './debounced-rebuild.ts';
export {
  commandDeployHook,
  deployHookFor,
  GITHUB_EVENT_TYPE,
  httpDeployHook,
  type DeployHook,
} from './deploy-hook.ts';
export { readRebuildSettings, type RebuildSettings } from './rebuild-settings.ts';
export { noRebuildHook, type RebuildStatus, type RebuildTrigger } from './rebuild-trigger.ts';
