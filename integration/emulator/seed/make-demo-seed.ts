// Writes seed/demo.json from demo-seed.ts: `node integration/emulator/seed/make-demo-seed.ts`.
import { writeFile } from 'node:fs/promises';
import { buildDemoSeed } from './demo-seed.ts';

const seed = buildDemoSeed();
const target = new URL('./demo.json', import.meta.url);
await writeFile(target, `${JSON.stringify(seed, null, 2)}\n`);
console.log(
  `wrote ${target.pathname}: ${seed.accounts.map((a) => `${a.media.length} posts for @${a.username}`).join(', ')}`,
);
