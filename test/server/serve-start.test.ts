import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function start(env: Record<string, string>) {
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/node'), ['scripts/serve.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      STATE_DB_PATH: path.join(ROOT, 'test-results/never-created.db'),
      ...env,
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('starting the server (npm start)', () => {
  it('stops with the command that makes a key when IG_TOKEN_ENCRYPTION_KEY is missing', () => {
    const { code, output } = start({});
    expect(code).toBe(1);
    expect(output).toContain('cannot start');
    expect(output).toContain('IG_TOKEN_ENCRYPTION_KEY');
    expect(output).toContain("randomBytes(32).toString('base64')");
  });

  it('stops when the key is not 32 bytes, without printing it', () => {
    const bad = Buffer.alloc(31, 1).toString('base64');
    const { code, output } = start({ IG_TOKEN_ENCRYPTION_KEY: bad });
    expect(code).toBe(1);
    expect(output).toMatch(/31 bytes/);
    expect(output).not.toContain(bad);
  });
});
