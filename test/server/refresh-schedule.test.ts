import { afterEach, beforeEach, expect, it } from 'vitest';
import { startRefreshSchedule } from '../../integration/server/refresh-schedule.ts';
import { processLeases } from '../../integration/store/index.ts';
import { createTokenHarness } from '../helpers/token-harness.ts';

let h: Awaited<ReturnType<typeof createTokenHarness>>;
beforeEach(async () => {
  h = await createTokenHarness(10);
});
afterEach(async () => {
  await h.close();
});

it('the running server refreshes due tokens on its own and logs what it did, never the token', async () => {
  const due = await h.connect({ ageDays: 55, daysLeft: 5 });
  await h.connect({ username: 'othervenue', ageDays: 2, daysLeft: 58 });
  const lines: string[] = [];
  const stop = startRefreshSchedule({
    tokens: h.tokens,
    leases: processLeases(h.store),
    log: (line) => lines.push(line),
    firstRunMs: 10,
  });
  try {
    await expect.poll(() => lines.length, { timeout: 20_000 }).toBe(1);
  } finally {
    stop();
  }
  expect(lines[0]).toMatch(/^token check: 17841400000000001: refreshed, valid until 20\d\d-/);
  expect(h.refreshCalls()).toBe(1);
  expect((await h.store.getAccount(due.userId))!.token).not.toBe(due.token);
  expect(lines.join('\n')).not.toContain('IGAA');
});

it('logs a token it cannot refresh, with what to do', async () => {
  const account = await h.connect({ ageDays: 55, daysLeft: 5 });
  h.emulator.control.revokeToken(account.token, 'invalid');
  const lines: string[] = [];
  const stop = startRefreshSchedule({
    tokens: h.tokens,
    leases: processLeases(h.store),
    log: (line) => lines.push(line),
    firstRunMs: 10,
  });
  try {
    await expect.poll(() => lines.length, { timeout: 20_000 }).toBe(1);
  } finally {
    stop();
  }
  expect(lines[0]).toContain('Reconnect the account in /admin');
});
