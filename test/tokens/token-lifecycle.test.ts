import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenLifecycleError } from '../../integration/tokens/index.ts';
import { createTokenHarness, DAY } from '../helpers/token-harness.ts';

let h: Awaited<ReturnType<typeof createTokenHarness>>;
beforeEach(async () => {
  h = await createTokenHarness(10);
});
afterEach(async () => {
  await h.close();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the refresh to fail');
    },
    (error: unknown) => error as TokenLifecycleError,
  );

describe('token status', () => {
  it('reports days left (rounded), whether a refresh is due and the health of each token', async () => {
    await h.connect({ ageDays: 50, daysLeft: 9.2 });
    await h.connect({ username: 'othervenue', ageDays: 5, daysLeft: 55.2 });
    const statuses = await h.tokens.statuses();
    expect(statuses.map((s) => [s.username, s.daysLeft, s.refreshDue, s.health])).toEqual([
      ['northlight.events', 9, true, 'refresh_due'],
      ['othervenue', 55, false, 'healthy'],
    ]);
  });

  it('says when a token under 24 hours old becomes refreshable, and nothing for an older one', async () => {
    const young = await h.connect({ ageDays: 0.25, daysLeft: 59.75 });
    await h.connect({ username: 'othervenue', ageDays: 1.5, daysLeft: 58 });
    const [first, second] = await h.tokens.statuses();
    expect(first).toMatchObject({
      refreshBlockedBy: 'too_new',
      refreshableFrom: new Date(Date.parse(young.tokenIssuedAt) + DAY).toISOString(),
    });
    expect(second!.refreshBlockedBy).toBeUndefined();
    expect(second!.refreshableFrom).toBeUndefined();
  });

  it('calls an expired token expired', async () => {
    await h.connect({ ageDays: 59, daysLeft: 1 });
    h.emulator.control.advanceClock(2 * 86_400);
    const [status] = await h.tokens.statuses();
    expect(status).toMatchObject({
      health: 'expired',
      daysLeft: 0,
      refreshDue: false,
      refreshBlockedBy: 'expired',
    });
  });
});

describe('refreshing a token', () => {
  it('stores the new token and its new expiry', async () => {
    const before = await h.connect({ ageDays: 50, daysLeft: 9 });
    const outcome = await h.tokens.refresh(before.userId);
    const after = (await h.store.getAccount(before.userId))!;
    expect(outcome.refreshed).toBe(true);
    expect(after.token).not.toBe(before.token);
    expect(Date.parse(after.tokenExpiresAt!) - h.now()).toBeGreaterThan(59 * DAY);
    expect(after.refreshedAt).not.toBeNull();
    expect(h.refreshCalls()).toBe(1);
  });

  it('makes exactly one Graph call for 50 concurrent refreshes of one account', async () => {
    const account = await h.connect({ ageDays: 50, daysLeft: 9 });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => h.tokens.refresh(account.userId)),
    );
    expect(h.refreshCalls()).toBe(1);
    expect(new Set(outcomes.map((o) => o.expiresAt)).size).toBe(1);
  });

  it('refuses a token younger than 24 hours without calling Instagram, and says when it can', async () => {
    const account = await h.connect({ ageDays: 0.1, daysLeft: 59 });
    const error = await failure(h.tokens.refresh(account.userId));
    expect(error).toMatchObject({ code: 'too_new', status: 409 });
    expect(error.message).toMatch(/less than 24 hours old; Instagram refreshes it from \d{4}-/);
    expect(h.refreshCalls()).toBe(0);
  });

  it('refuses an expired token and says to reconnect', async () => {
    const account = await h.connect({ ageDays: 59, daysLeft: 1 });
    h.emulator.control.advanceClock(2 * 86_400);
    const error = await failure(h.tokens.refresh(account.userId));
    expect(error).toMatchObject({ code: 'expired', status: 409 });
    expect(error.message).toContain('Reconnect the account in /admin');
    expect(h.refreshCalls()).toBe(0);
  });

  it('explains a token Instagram says has expired (190/463)', async () => {
    const account = await h.connect({ ageDays: 59, daysLeft: 1 });
    // The store still thinks it has a day left; Instagram's clock disagrees.
    await h.store.updateToken(account.userId, {
      token: account.token,
      tokenIssuedAt: account.tokenIssuedAt,
      tokenExpiresAt: new Date(h.now() + 30 * DAY).toISOString(),
      refreshedAt: new Date(h.now()).toISOString(),
    });
    h.emulator.control.advanceClock(2 * 86_400);
    const error = await failure(h.tokens.refresh(account.userId));
    expect(error).toMatchObject({ code: 'expired', status: 409 });
    expect(error.message).toMatch(/it has expired \(code 190\/463\)\. Reconnect/);
    expect(h.refreshCalls()).toBe(1);
  });

  it('explains a revoked token (190/460) and says to reconnect', async () => {
    const account = await h.connect({ ageDays: 50, daysLeft: 9 });
    h.emulator.control.revokeToken(account.token, 'password_changed');
    const error = await failure(h.tokens.refresh(account.userId));
    expect(error).toMatchObject({ code: 'revoked', status: 409 });
    expect(error.message).toMatch(
      /revoked or is invalid \(code 190\/460\)\. Reconnect the account in \/admin/,
    );
  });

  it('answers 404 for an account that is not connected', async () => {
    expect(await failure(h.tokens.refresh('17841400000000009'))).toMatchObject({
      code: 'not_found',
      status: 404,
    });
  });

  it('with ifDue, leaves a token that is not due alone', async () => {
    const account = await h.connect({ ageDays: 5, daysLeft: 55 });
    const outcome = await h.tokens.refresh(account.userId, { ifDue: true });
    expect(outcome).toMatchObject({ refreshed: false, skipped: 'not_due' });
    expect(h.refreshCalls()).toBe(0);
  });

  it('refreshDue refreshes only the accounts within the lead time', async () => {
    await h.connect({ ageDays: 50, daysLeft: 9 });
    await h.connect({ username: 'othervenue', ageDays: 5, daysLeft: 55 });
    const results = await h.tokens.refreshDue();
    expect(results.map((r) => [r.userId, r.outcome?.refreshed])).toEqual([
      ['17841400000000001', true],
      ['17841400000000002', false],
    ]);
    expect(h.refreshCalls()).toBe(1);
  });

  it('leaves no token in the database file, old or new', async () => {
    const before = await h.connect({ ageDays: 50, daysLeft: 9 });
    await h.tokens.refresh(before.userId);
    const after = (await h.store.getAccount(before.userId))!;
    const bytes = Buffer.concat([
      await readFile(h.dbPath),
      await readFile(`${h.dbPath}-wal`).catch(() => Buffer.alloc(0)),
    ]);
    expect(bytes.includes(Buffer.from('northlight.events'))).toBe(true);
    expect(bytes.includes(Buffer.from(before.token))).toBe(false);
    expect(bytes.includes(Buffer.from(after.token))).toBe(false);
    expect(bytes.includes(Buffer.from('IGAA'))).toBe(false);
  });
});
