import type { InstagramSyncOptions } from './options.ts';

/** The virtual module through which the integration hands its options to the server's code. */
export const CONFIG_MODULE_ID = 'virtual:astro-instagram-sync/config';
const RESOLVED_ID = `\0${CONFIG_MODULE_ID}`;

/** The part of a Vite plugin this one uses (the package does not depend on Vite's types). */
export interface ConfigModulePlugin {
  name: string;
  resolveId(id: string): string | undefined;
  load(id: string): string | undefined;
}

/**
 * A Vite plugin serving `virtual:astro-instagram-sync/config`: the options as set in astro.config,
 * serialised. They are resolved again where they are read, against that process's environment
 * (an option set in the config wins, the environment fills what is unset), so no secret of the
 * build's environment is written into the server bundle.
 */
export function configModulePlugin(options: InstagramSyncOptions): ConfigModulePlugin {
  const source = `export default ${JSON.stringify(options)};\n`;
  return {
    name: 'astro-instagram-sync:config',
    resolveId: (id) => (id === CONFIG_MODULE_ID ? RESOLVED_ID : undefined),
    load: (id) => (id === RESOLVED_ID ? source : undefined),
  };
}
