// The options set in astro.config, served by configModulePlugin (config-module.ts).
declare module 'virtual:astro-instagram-sync/config' {
  const options: import('./options.ts').InstagramSyncOptions;
  export default options;
}
