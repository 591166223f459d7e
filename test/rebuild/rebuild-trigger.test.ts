import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  commandDeployHook,
  DebouncedRebuild,
  httpDeployHook,
  readRebuildSettings,
} from '../../integration/rebuild/index.ts';
import { openSqliteStore, TokenCipher, type StateStore } from '../../integration/store/index.ts';
import { TEST_KEY } from '../helpers/token-harness.ts';
import { startHookServer } from '../helpers/webhook-site.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempStore(): Promise<{ store: StateStore; dbPath: string; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ais-rebuild-'));
  const dbPath = path.join(dir, 'state.db');
  const open = () =>
    openSqliteStore({
      path: dbPath,
      cipher: TokenCipher.fromKeys({ current: Buffer.from(TEST_KEY, 'base64'), old: [] }),
    });
  const store = await open();
  cleanups.push(
    () => rm(dir, { recursive: true, force: true }),
    () => store.close(),
  );
  return { store, dbPath, dir };
}

async function hookServer(statuses: number[] = []) {
  const hook = await startHookServer(statuses);
  cleanups.push(hook.close);
  return hook;
}

describe('the rebuild trigger', () => {
  it('gathers a burst of requests into one hook call after the quiet period', async () => {
    const hook = await hookServer();
    const { store } = await tempStore();
    const rebuild = await DebouncedRebuild.open({
      hook: httpDeployHook(`${hook.origin}/build_hooks/secret-id`),
      store,
      quietMs: 100,
      attempts: 3,
      backoffMs: 10,
    });
    for (let i = 0; i < 100; i++) rebuild.request(`change ${i}`);
    expect(hook.calls).toHaveLength(0);
    await rebuild.whenIdle();
    expect(hook.calls).toHaveLength(1);
    expect(await rebuild.status()).toMatchObject({
      configured: true,
      hookKind: 'http',
      lastOutcome: 'ok',
      lastReason: 'change 99',
      lastAttempts: 1,
    });
  });

  it('retries a failing hook with exponential backoff, then records the failure in the store', async () => {
    const hook = await hookServer([500, 502, 503]);
    const { store } = await tempStore();
    const rebuild = await DebouncedRebuild.open({
      hook: httpDeployHook(`${hook.origin}/build_hooks/secret-id`),
      store,
      quietMs: 10,
      attempts: 3,
      backoffMs: 100,
    });
    rebuild.request('a new comment');
    await rebuild.whenIdle();
    expect(hook.calls).toHaveLength(3);
    const [first, second, third] = hook.calls.map((call) => call.at);
    expect(second! - first!).toBeGreaterThanOrEqual(95);
    expect(third! - second!).toBeGreaterThanOrEqual(195);
    const status = await rebuild.status();
    expect(status).toMatchObject({
      lastOutcome: 'failed',
      lastAttempts: 3,
      lastError: 'the deploy hook answered HTTP 503',
    });
    expect(JSON.stringify(status)).not.toContain('secret-id');
    expect(await store.getRebuildStatus()).toMatchObject({
      lastOutcome: 'failed',
      lastReason: 'a new comment',
      lastTriggeredAt: expect.any(String),
    });
  });

  it('succeeds on a later attempt when the hook recovers', async () => {
    const hook = await hookServer([500]);
    const { store } = await tempStore();
    const rebuild = await DebouncedRebuild.open({
      hook: httpDeployHook(`${hook.origin}/hook`),
      store,
      quietMs: 10,
      attempts: 3,
      backoffMs: 10,
    });
    rebuild.request('x');
    await rebuild.whenIdle();
    expect(await rebuild.status()).toMatchObject({ lastOutcome: 'ok', lastAttempts: 2 });
    expect((await rebuild.status()).lastError).toBeUndefined();
  });

  it('sends GitHub a repository_dispatch of type instagram-sync with the bearer token', async () => {
    const hook = await hookServer();
    const { store } = await tempStore();
    const hookUrl = `${hook.origin}/repos/northlight/galleries/dispatches`;
    const rebuild = await DebouncedRebuild.open({
      hook: httpDeployHook(hookUrl, 'ghp_test'),
      store,
      quietMs: 10,
      attempts: 1,
      backoffMs: 10,
    });
    rebuild.request('x');
    await rebuild.whenIdle();
    expect(JSON.parse(hook.calls[0]!.body)).toEqual({ event_type: 'instagram-sync' });
    expect(hook.calls[0]!.headers).toMatchObject({
      authorization: 'Bearer ghp_test',
      accept: 'application/vnd.github+json',
    });
    expect((await rebuild.status()).hookKind).toBe('github');
  });

  it('runs a local command without a shell, and reports its exit code', async () => {
    const { store, dir } = await tempStore();
    const marker = path.join(dir, 'built');
    const ok = await DebouncedRebuild.open({
      hook: commandDeployHook(['touch', marker]),
      store,
      quietMs: 10,
      attempts: 1,
      backoffMs: 10,
    });
    ok.request('x');
    await ok.whenIdle();
    expect(existsSync(marker)).toBe(true);
    const failing = await DebouncedRebuild.open({
      hook: commandDeployHook(['false']),
      store,
      quietMs: 10,
      attempts: 1,
      backoffMs: 10,
    });
    failing.request('y');
    await failing.whenIdle();
    expect(await failing.status()).toMatchObject({
      lastOutcome: 'failed',
      lastError: 'the deploy command exited with code 1',
    });
  });

  it('records requests without a hook, and triggers a request left pending by a restart', async () => {
    const hook = await hookServer();
    const { store } = await tempStore();
    const unconfigured = await DebouncedRebuild.open({
      hook: undefined,
      store,
      quietMs: 10,
      attempts: 1,
      backoffMs: 10,
    });
    unconfigured.request('approved photos');
    expect(await unconfigured.status()).toMatchObject({
      configured: false,
      lastReason: 'approved photos',
    });
    await store.saveRebuildStatus({
      lastRequestedAt: new Date().toISOString(),
      lastReason: 'before the restart',
      lastOutcome: 'pending',
    });
    const restarted = await DebouncedRebuild.open({
      hook: httpDeployHook(`${hook.origin}/hook`),
      store,
      quietMs: 10,
      attempts: 1,
      backoffMs: 10,
    });
    await restarted.whenIdle();
    expect(hook.calls).toHaveLength(1);
    expect(await restarted.status()).toMatchObject({
      lastOutcome: 'ok',
      lastReason: 'before the restart',
    });
  });

  it('reads its settings from the environment', () => {
    expect(readRebuildSettings({})).toMatchObject({ quietMs: 30_000, attempts: 3 });
    expect(
      readRebuildSettings({
        DEPLOY_HOOK_COMMAND: ' npm run  deploy ',
        DEPLOY_HOOK_QUIET_SECONDS: '0.5',
      }),
    ).toMatchObject({ command: ['npm', 'run', 'deploy'], quietMs: 500 });
    expect(() => readRebuildSettings({ DEPLOY_HOOK_ATTEMPTS: '0' })).toThrow(
      /DEPLOY_HOOK_ATTEMPTS/,
    );
    expect(() => readRebuildSettings({ DEPLOY_HOOK_URL: 'ftp://x' })).toThrow(
      /DEPLOY_HOOK_URL must be an http/,
    );
  });
});
