/**
 * `scripts/serve.ts` (what `npm start` runs) as a process of a spec's own, on 127.0.0.1:`port`,
 * from the build the shared e2e server made: ready once its login page answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { expect } from '@playwright/test';
import { ROOT } from './support.ts';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** SIGTERM, and its exit. */
  stop(): Promise<void>;
}

const NODE = path.join(ROOT, 'node_modules/.bin/node');

export async function startServerProcess({
  cwd,
  port,
  env,
}: {
  cwd: string;
  port: number;
  env: Record<string, string>;
}): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(NODE, [path.join(ROOT, 'scripts/serve.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      PUBLIC_BASE_URL: url,
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await expect
      .poll(async () => (await fetch(`${url}/admin/login`).catch(() => undefined))?.status, {
        timeout: 60_000,
        message: output,
      })
      .toBe(200);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, child, output: () => output, stop };
}
