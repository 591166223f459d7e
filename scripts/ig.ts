// `npm run ig -- <command>`: token status/refresh/exchange, admin password hash, key generation.
import { text } from 'node:stream/consumers';
import { runIg } from '../integration/cli/ig-command.ts';
import { resolveOptions } from '../integration/options.ts';
import syncOptions from '../instagram-sync.config.ts';

process.exitCode = await runIg(process.argv.slice(2), {
  env: process.env,
  // The options astro.config.mjs gives the integration: the CLI talks to the same Graph API.
  options: resolveOptions(syncOptions, process.env),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  readStdin: () => (process.stdin.isTTY ? Promise.resolve('') : text(process.stdin)),
});
