import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'astro:config/server';

/**
 * The build's server and client folders where this server runs. Found as the Node adapter finds
 * them, from this bundled module's place inside the server folder (the nearest folder of that
 * name that holds `marker`), so a build moved or copied elsewhere still finds its files; else
 * the folders the build was made in.
 */
export function buildDirs(marker: string): { serverDir: string; clientDir: string } {
  const builtServer = fileURLToPath(build.server);
  const builtClient = fileURLToPath(build.client);
  const folder = path.basename(builtServer);
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    if (path.basename(dir) === folder && existsSync(path.join(dir, marker)))
      return {
        serverDir: dir,
        clientDir: path.resolve(dir, path.relative(builtServer, builtClient)),
      };
    if (path.dirname(dir) === dir) return { serverDir: builtServer, clientDir: builtClient };
  }
}
