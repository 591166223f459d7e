const PREFIX = '[astro-instagram-sync]';

/**
 * What the on-demand server tells its operator, on the server process's stdout and stderr with
 * the package's name. The one module of the package that writes to the console (biome.json):
 * server code runs outside Astro's hooks, so it has no integration logger to write to.
 */
export const serverLog = {
  info: (message: string): void => console.log(`${PREFIX} ${message}`),
  warn: (message: string): void => console.warn(`${PREFIX} ${message}`),
  error: (message: string): void => console.error(`${PREFIX} ${message}`),
};
