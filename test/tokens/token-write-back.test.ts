import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runIg } from '../../integration/cli/ig-command.ts';
import { readServerConfig } from '../../integration/server/config.ts';
import { startRefreshSchedule } from '../../integration/server/refresh-schedule.ts';
import { processLeases } from '../../integration/store/index.ts';
import { readWriteBackTarget, TokenWriteBack } from '../../integration/tokens/index.ts';
import { startFakeGithubApi, type FakeGithubApi } from '../helpers/fake-github-api.ts';
import { agedAccount, createTokenHarness, DAY, TEST_KEY } from '../helpers/token-harness.ts';

const NORTHLIGHT = '17841400000000001';
const SECRET = 'acme/site/IG_ACCESS_TOKEN';

let h: Awaited<ReturnType<typeof createTokenHarness>>;
let github: FakeGithubApi;
// Everything the code under test said, and every token it held: searched by the last test.
const captured: string[] = [];
const tokensSeen = new Set<string>();
const consoleSpies = (['log', 'info', 'warn', 'error'] as const).map((level) =>
  vi.spyOn(console, level),
);

beforeEach(async () => {
  h = await createTokenHarness(10);
  github = await startFakeGithubApi();
});
afterEach(async () => {
  for (const account of await h.store.listAccounts()) tokensSeen.add(account.token);
  await github.close();
  await h.close();
});
afterAll(() => {
  for (const spy of consoleSpies) spy.mockRestore();
});

function githubEnv(overrides: Record<string, string> = {}) {
  return {
    IG_TOKEN_WRITE_BACK: `github:${SECRET}`,
    IG_TOKEN_WRITE_BACK_GITHUB_TOKEN: github.authToken,
    GITHUB_API_URL: github.url,
    ...overrides,
  };
}

async function ig(args: string, env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runIg(args.split(' '), {
    env: {
      IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
      STATE_DB_PATH: h.dbPath,
      INSTAGRAM_GRAPH_BASE: h.emulator.graphBase,
      INSTAGRAM_APP_SECRET: 'emulator-app-secret',
      ...env,
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readStdin: async () => '',
  });
  captured.push(...out, ...err);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function storedToken(userId = NORTHLIGHT): Promise<string> {
  return (await h.store.getAccount(userId))!.token;
}

/** A real program the write-back runs: it records its stdin, arguments and environment. */
async function recordingHook(): Promise<{ command: string; read: () => Promise<HookRun> }> {
  const script = path.join(h.dir, 'hook.mjs');
  const out = path.join(h.dir, 'hook-run.json');
  await writeFile(
    script,
    `import { writeFileSync } from 'node:fs';
let stdin = '';
for await (const chunk of process.stdin) stdin += chunk;
writeFileSync(process.argv[2], JSON.stringify({ stdin, argv: process.argv, env: process.env }));
`,
  );
  return {
    command: `command:${process.execPath} ${script} ${out}`,
    read: async () => JSON.parse(await readFile(out, 'utf8')) as HookRun,
  };
}
interface HookRun {
  stdin: string;
  argv: string[];
  env: Record<string, string>;
}

describe('IG_TOKEN_WRITE_BACK=github:owner/repo/SECRET_NAME', () => {
  it('token refresh writes the refreshed token into the Actions secret, sealed with the repository key', async () => {
    const account = await h.connect({ ageDays: 55, daysLeft: 4.5 });
    const { code, out } = await ig('token refresh --if-due', githubEnv());
    expect(code).toBe(0);
    expect(out).toMatch(/17841400000000001: refreshed, valid until/);
    expect(out).toContain(
      'token write-back: wrote the token of @northlight.events (17841400000000001) to the GitHub Actions secret IG_ACCESS_TOKEN of acme/site',
    );
    const fresh = await storedToken();
    expect(fresh).not.toBe(account.token);
    // The fake opened the sealed box with its secret key: exactly the new token.
    expect(github.secrets.get(SECRET)).toBe(fresh);
    expect(github.requests).toEqual([
      { method: 'GET', path: '/repos/acme/site/actions/secrets/public-key', status: 200 },
      { method: 'PUT', path: '/repos/acme/site/actions/secrets/IG_ACCESS_TOKEN', status: 201 },
    ]);
  });

  it('writes nothing again while the token is the one written', async () => {
    await h.connect({ ageDays: 55, daysLeft: 4.5 });
    expect((await ig('token refresh --if-due', githubEnv())).code).toBe(0);
    const second = await ig('token refresh --if-due', githubEnv());
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/not due .* nothing done/);
    expect(second.out).not.toContain('write-back');
    expect(github.requests).toHaveLength(2);
    expect(h.refreshCalls()).toBe(1);
  });

  it('a write that fails after the refresh exits non-zero, and the next run writes it although nothing is due', async () => {
    const account = await h.connect({ ageDays: 55, daysLeft: 4.5 });
    github.failWith(403);
    const failed = await ig('token refresh --if-due', githubEnv());
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/17841400000000001: refreshed, valid until/);
    expect(failed.err).toContain(
      'token write-back: writing the token of @northlight.events (17841400000000001) to the GitHub Actions secret IG_ACCESS_TOKEN of acme/site failed: GitHub answered HTTP 403 while reading the public key',
    );
    expect(failed.err).toContain('"Secrets: read and write"');
    expect(failed.err).toContain(
      'the next `npm run ig -- token refresh` or daily token check tries again',
    );
    const fresh = await storedToken();
    expect(fresh).not.toBe(account.token);
    expect(github.secrets.size).toBe(0);

    github.failWith(undefined);
    const retried = await ig('token refresh --if-due', githubEnv());
    expect(retried.code).toBe(0);
    expect(retried.out).toMatch(/not due .* nothing done/);
    expect(retried.out).toContain('token write-back: wrote the token of @northlight.events');
    expect(github.secrets.get(SECRET)).toBe(fresh);
    expect(h.refreshCalls()).toBe(1);
  });

  it('a token GitHub refuses (401) is named, without the token', async () => {
    await h.connect({ ageDays: 55, daysLeft: 4.5 });
    const { code, err } = await ig(
      'token refresh',
      githubEnv({ IG_TOKEN_WRITE_BACK_GITHUB_TOKEN: 'github_pat_wrong' }),
    );
    expect(code).toBe(1);
    expect(err).toContain(
      'GitHub answered HTTP 401 while reading the public key of acme/site ("Bad credentials")',
    );
    expect(err).not.toContain('github_pat_wrong');
  });

  it('writes the token of the first connected account when several are stored', async () => {
    const now = h.now();
    await h.store.saveAccount({
      ...agedAccount(h.emulator, { username: 'othervenue', ageDays: 55, daysLeft: 4 }),
      connectedAt: new Date(now - DAY).toISOString(),
    });
    await h.store.saveAccount({
      ...agedAccount(h.emulator, { ageDays: 55, daysLeft: 4 }),
      connectedAt: new Date(now - 30 * DAY).toISOString(),
    });
    const { code, out } = await ig('token refresh --if-due', githubEnv());
    expect(code).toBe(0);
    expect(out).toContain('wrote the token of @northlight.events (17841400000000001)');
    expect(github.secrets.get(SECRET)).toBe(await storedToken(NORTHLIGHT));
    expect(github.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });
});

describe('a build with IG_ACCESS_TOKEN and no stored account (no cached state)', () => {
  const envToken = (ageDays: number, daysLeft: number) => {
    const { token } = agedAccount(h.emulator, { ageDays, daysLeft });
    tokensSeen.add(token);
    return token;
  };

  it('token refresh --if-due refreshes the secret token, stores it as its account and writes it back', async () => {
    const old = envToken(40, 20);
    const first = await ig('token refresh --if-due', githubEnv({ IG_ACCESS_TOKEN: old }));
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(
      /IG_ACCESS_TOKEN of @northlight.events \(17841400000000001\): refreshed, valid until .*; stored as its account/,
    );
    const fresh = await storedToken();
    expect(fresh).not.toBe(old);
    expect(github.secrets.get(SECRET)).toBe(fresh);
    // The next run refreshes the stored account when it is due, and writes nothing new now.
    const second = await ig('token refresh --if-due', githubEnv({ IG_ACCESS_TOKEN: old }));
    expect(second.out).toMatch(/17841400000000001: not due/);
    expect(h.refreshCalls()).toBe(1);
    expect(github.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('a token less than a day old is left for the next run (exit 0); a dead one fails with what to do', async () => {
    const young = await ig(
      'token refresh --if-due',
      githubEnv({ IG_ACCESS_TOKEN: envToken(0.1, 59.9) }),
    );
    expect(young.code, young.err).toBe(0);
    expect(young.out).toContain('IG_ACCESS_TOKEN: works, but Instagram did not refresh it');
    expect(await h.store.listAccounts()).toEqual([]);
    const dead = await ig(
      'token refresh --if-due',
      githubEnv({ IG_ACCESS_TOKEN: envToken(70, -10) }),
    );
    expect(dead.code).toBe(1);
    expect(dead.err).toContain('IG_ACCESS_TOKEN could not be refreshed');
    expect(dead.err).toContain('needs a new login in /admin');
    expect(github.requests).toEqual([]);
  });
});

describe('IG_TOKEN_WRITE_BACK=command:…', () => {
  it('runs the program with the new token on its standard input, and nowhere else', async () => {
    const hook = await recordingHook();
    await h.connect({ ageDays: 55, daysLeft: 4.5 });
    const { code, out } = await ig('token refresh --if-due', { IG_TOKEN_WRITE_BACK: hook.command });
    expect(code).toBe(0);
    expect(out).toContain(
      `wrote the token of @northlight.events (17841400000000001) to the command ${process.execPath}`,
    );
    const run = await hook.read();
    const fresh = await storedToken();
    expect(run.stdin).toBe(fresh);
    expect(JSON.stringify(run.argv)).not.toContain(fresh);
    expect(JSON.stringify(run.env)).not.toContain(fresh);
  });

  it('a program that fails is told by its exit code alone, though it printed the token', async () => {
    const script = path.join(h.dir, 'leaky-hook.mjs');
    await writeFile(
      script,
      `let stdin = '';
for await (const chunk of process.stdin) stdin += chunk;
console.log('stdout: ' + stdin);
console.error('stderr: ' + stdin);
process.exit(3);
`,
    );
    await h.connect({ ageDays: 55, daysLeft: 4.5 });
    const { code, err } = await ig('token refresh --if-due', {
      IG_TOKEN_WRITE_BACK: `command:${process.execPath} ${script}`,
    });
    expect(code).toBe(1);
    expect(err).toContain(`failed: the command ${process.execPath} exited with code 3.`);
    expect(err).not.toContain('stdout:');
  });

  it('a program that cannot be started is named', async () => {
    await h.connect({ ageDays: 55, daysLeft: 4.5 });
    const { code, err } = await ig('token refresh --if-due', {
      IG_TOKEN_WRITE_BACK: `command:${path.join(h.dir, 'no-such-program')}`,
    });
    expect(code).toBe(1);
    expect(err).toMatch(/no-such-program could not be started \(ENOENT\)/);
  });
});

describe("the server's daily token check", () => {
  it('writes the token it refreshed back, and logs that without the token', async () => {
    const hook = await recordingHook();
    await h.connect({ ageDays: 55, daysLeft: 5 });
    const lines: string[] = [];
    const target = readWriteBackTarget({ IG_TOKEN_WRITE_BACK: hook.command })!;
    const stop = startRefreshSchedule({
      tokens: h.tokens,
      leases: processLeases(h.store),
      writeBack: new TokenWriteBack({ target, store: h.store, now: h.now }),
      log: (line) => lines.push(line),
      firstRunMs: 10,
    });
    try {
      await expect.poll(() => lines.length, { timeout: 20_000 }).toBe(2);
    } finally {
      stop();
      captured.push(...lines);
    }
    expect(lines[0]).toMatch(/^token check: 17841400000000001: refreshed, valid until 20\d\d-/);
    expect(lines[1]).toMatch(/^token write-back: wrote the token of @northlight.events/);
    expect((await hook.read()).stdin).toBe(await storedToken());
  });
});

describe("the server's daily token check, when the write fails", () => {
  it('logs the failure, and the next period writes the token although none is due', async () => {
    await h.connect({ ageDays: 55, daysLeft: 5 });
    github.failWith(500);
    const lines: string[] = [];
    const target = readWriteBackTarget(githubEnv())!;
    const stop = startRefreshSchedule({
      tokens: h.tokens,
      leases: processLeases(h.store),
      writeBack: new TokenWriteBack({ target, store: h.store, now: h.now }),
      log: (line) => lines.push(line),
      firstRunMs: 10,
      everyMs: 50,
      periodMs: 100, // a "day" of 100 ms: the next check comes soon
    });
    try {
      await expect
        .poll(() => lines.some((l) => l.includes('failed')), { timeout: 20_000 })
        .toBe(true);
      github.failWith(undefined);
      await expect
        .poll(() => lines.some((l) => l.includes('wrote')), { timeout: 20_000 })
        .toBe(true);
    } finally {
      stop();
      captured.push(...lines);
    }
    expect(lines.find((l) => l.includes('failed'))).toContain(
      'token write-back: writing the token of @northlight.events (17841400000000001) to the GitHub Actions secret IG_ACCESS_TOKEN of acme/site failed: GitHub answered HTTP 500',
    );
    expect(github.secrets.get(SECRET)).toBe(await storedToken());
    expect(h.refreshCalls()).toBe(1);
  });
});

describe('IG_TOKEN_WRITE_BACK is checked at start, with the form it takes', () => {
  it.each([
    ['github:acme/site'],
    ['github:acme/site/IG-ACCESS-TOKEN'],
    ['gitlab:acme/site/IG_ACCESS_TOKEN'],
    ['command:'],
    ['https://api.github.com/repos/acme/site'],
  ])('%s is refused by the server config and by the CLI', async (value) => {
    const env = { IG_TOKEN_WRITE_BACK: value, IG_TOKEN_WRITE_BACK_GITHUB_TOKEN: 'x' };
    expect(() => readServerConfig(env)).toThrow(
      /^IG_TOKEN_WRITE_BACK must be github:<owner>\/<repo>\/<SECRET_NAME> \(e\.g\. github:acme\/site\/IG_ACCESS_TOKEN\) or command:<program and arguments>/,
    );
    await h.connect({ ageDays: 55, daysLeft: 4.5 });
    const { code, err } = await ig('token refresh --if-due', env);
    expect(code).toBe(1);
    expect(err).toContain('error: IG_TOKEN_WRITE_BACK must be github:<owner>/<repo>/<SECRET_NAME>');
    expect(h.refreshCalls()).toBe(0);
  });

  it('a GITHUB_ secret name is refused as GitHub refuses it', () => {
    expect(() =>
      readWriteBackTarget({
        IG_TOKEN_WRITE_BACK: 'github:acme/site/GITHUB_TOKEN',
        IG_TOKEN_WRITE_BACK_GITHUB_TOKEN: 'x',
      }),
    ).toThrow(/secret names starting with GITHUB_/);
  });

  it('github: without IG_TOKEN_WRITE_BACK_GITHUB_TOKEN says which token it needs', () => {
    expect(() => readWriteBackTarget({ IG_TOKEN_WRITE_BACK: `github:${SECRET}` })).toThrow(
      'IG_TOKEN_WRITE_BACK=github:acme/site/IG_ACCESS_TOKEN needs IG_TOKEN_WRITE_BACK_GITHUB_TOKEN: a token that may write the Actions secrets of acme/site (a fine-grained personal access token with the repository permission "Secrets: read and write"',
    );
  });

  it('GITHUB_API_URL (GitHub Enterprise) replaces api.github.com', () => {
    expect(
      readWriteBackTarget({
        IG_TOKEN_WRITE_BACK: `github:${SECRET}`,
        IG_TOKEN_WRITE_BACK_GITHUB_TOKEN: 'x',
        GITHUB_API_URL: 'https://ghe.example.com/api/v3/',
      }),
    ).toMatchObject({
      kind: 'github',
      owner: 'acme',
      repo: 'site',
      secret: 'IG_ACCESS_TOKEN',
      apiBase: 'https://ghe.example.com/api/v3',
    });
    expect(
      readWriteBackTarget({
        IG_TOKEN_WRITE_BACK: `github:${SECRET}`,
        IG_TOKEN_WRITE_BACK_GITHUB_TOKEN: 'x',
      }),
    ).toMatchObject({ apiBase: 'https://api.github.com' });
  });
});

// Runs last (the file's tests run in order): what every test above captured.
it('no token appears in any output, log or error captured above', () => {
  const consoleLines = consoleSpies.flatMap((spy) => spy.mock.calls.map((call) => call.join(' ')));
  const everything = [...captured, ...consoleLines].join('\n');
  expect(captured.length).toBeGreaterThan(20);
  expect(tokensSeen.size).toBeGreaterThan(10);
  for (const token of tokensSeen) expect(everything).not.toContain(token);
  expect(everything).not.toMatch(/IGAA[A-Za-z0-9_-]{20}/);
});
