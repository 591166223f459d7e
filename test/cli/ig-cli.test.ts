import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runIg } from '../../integration/cli/ig-command.ts';
import { verifyPassword } from '../../integration/server/password.ts';
import { createTokenHarness, TEST_KEY } from '../helpers/token-harness.ts';

let h: Awaited<ReturnType<typeof createTokenHarness>>;
beforeEach(async () => {
  h = await createTokenHarness(10);
});
afterEach(async () => {
  await h.close();
});

async function ig(
  args: string,
  options: { stdin?: string; env?: Record<string, string | undefined> } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runIg(args.split(' '), {
    env: {
      IG_TOKEN_ENCRYPTION_KEY: TEST_KEY,
      STATE_DB_PATH: h.dbPath,
      INSTAGRAM_GRAPH_BASE: h.emulator.graphBase,
      INSTAGRAM_APP_SECRET: 'emulator-app-secret',
      ...options.env,
    },
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readStdin: async () => options.stdin ?? '',
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('npm run ig -- token', () => {
  it('status lists each stored account with days left and whether a refresh is due', async () => {
    await h.connect({ ageDays: 55, daysLeft: 4.2 });
    const { code, out } = await ig('token status');
    expect(code).toBe(0);
    expect(out).toContain('@northlight.events (17841400000000001): REFRESH DUE, 4 days left');
    expect(out).toContain('refreshed when 10 days or fewer are left');
  });

  it('refresh --if-due does nothing, and calls nothing, when no token is due', async () => {
    await h.connect({ ageDays: 5, daysLeft: 55 });
    const { code, out } = await ig('token refresh --if-due');
    expect(code).toBe(0);
    expect(out).toMatch(/17841400000000001: not due .* nothing done/);
    expect(h.refreshCalls()).toBe(0);
  });

  it('refresh --if-due refreshes a due token through Instagram', async () => {
    const account = await h.connect({ ageDays: 55, daysLeft: 4.5 });
    const { code, out } = await ig('token refresh --if-due');
    expect(code).toBe(0);
    expect(out).toMatch(/17841400000000001: refreshed, valid until 20\d\d-/);
    expect(h.refreshCalls()).toBe(1);
    expect((await h.store.getAccount(account.userId))!.token).not.toBe(account.token);
    expect(out).not.toContain('IGAA');
  });

  it('refresh explains a token that is too new and exits non-zero', async () => {
    await h.connect({ ageDays: 0.2, daysLeft: 59 });
    const { code, err } = await ig('token refresh');
    expect(code).toBe(1);
    expect(err).toContain('less than 24 hours old');
  });

  it('exchange turns a short-lived token from stdin into a stored long-lived one', async () => {
    const short = h.emulator.control.issueToken({ kind: 'short', username: 'othervenue' });
    const { code, out } = await ig('token exchange', { stdin: `${short}\n` });
    expect(code).toBe(0);
    expect(out).toMatch(
      /Stored @othervenue \(17841400000000002\) with a long-lived token valid until/,
    );
    expect(out).not.toContain(short);
    const stored = (await h.store.getAccount('17841400000000002'))!;
    expect(stored.source).toBe('cli');
    expect(stored.token.startsWith('IGAA')).toBe(true);
    expect(stored.token).not.toBe(short);
  });

  it('says how to make a key when IG_TOKEN_ENCRYPTION_KEY is missing, without printing anything secret', async () => {
    const { code, err } = await ig('token status', { env: { IG_TOKEN_ENCRYPTION_KEY: undefined } });
    expect(code).toBe(1);
    expect(err).toContain('IG_TOKEN_ENCRYPTION_KEY');
    expect(err).toContain('randomBytes(32)');
  });
});

describe('npm run ig -- admin and key', () => {
  it('hash-password prints an ADMIN_PASSWORD_HASH for the password on stdin', async () => {
    const { code, out } = await ig('admin hash-password', { stdin: 'a very long password\n' });
    expect(code).toBe(0);
    expect(await verifyPassword('a very long password', out.trim())).toBe(true);
  });

  it('key generate prints base64 of 32 random bytes', async () => {
    const first = (await ig('key generate')).out.trim();
    const second = (await ig('key generate')).out.trim();
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect(first).not.toBe(second);
  });

  it('an unknown command prints the usage and exits 2', async () => {
    const { code, err } = await ig('token frobnicate');
    expect(code).toBe(2);
    expect(err).toContain('token refresh [--if-due]');
  });
});
