import { describe, expect, it } from 'vitest';
import { refreshNotice, refusedRefreshNotice } from '../../integration/server/refresh-notice.ts';
import { TokenLifecycleError, type TokenStatus } from '../../integration/tokens/index.ts';

const status = (overrides: Partial<TokenStatus>): TokenStatus => ({
  userId: '1',
  username: 'northlight.events',
  source: 'store',
  expiresAt: '2027-02-05T10:00:00.000Z',
  daysLeft: 60,
  refreshDue: false,
  health: 'healthy',
  lastRefresh: null,
  usage: null,
  ...overrides,
});

describe('refreshNotice', () => {
  it('says which account was refreshed and until when, in a sentence with a date', () => {
    expect(
      refreshNotice(
        [{ userId: '1', refreshed: true, expiresAt: '2027-02-05T10:00:00.000Z' }],
        [status({})],
      ),
    ).toEqual({
      kind: 'ok',
      message: 'Refreshed @northlight.events: the token now expires on 5 February 2027.',
    });
  });

  it('calls a refresh that was not due a no-op, not an error', () => {
    expect(
      refreshNotice(
        [{ userId: '1', refreshed: false, skipped: 'not_due', expiresAt: '2027-02-05T10:00:00Z' }],
        [status({})],
      ),
    ).toEqual({
      kind: 'info',
      message: '@northlight.events needs no refresh yet: its token is valid until 5 February 2027.',
    });
  });

  it('names an account it does not know by its id', () => {
    expect(refreshNotice([{ userId: '9', refreshed: true, expiresAt: null }], []).message).toBe(
      'Refreshed account 9.',
    );
  });
});

describe('refusedRefreshNotice', () => {
  const tooNew = new TokenLifecycleError('too_new', 409, 'raw');

  it('explains a token under 24 hours old as nothing to do, with human dates and no ISO time', () => {
    const notice = refusedRefreshNotice(tooNew, '1', [
      status({ refreshBlockedBy: 'too_new', refreshableFrom: '2026-04-30T21:14:00.000Z' }),
    ]);
    expect(notice).toEqual({
      kind: 'info',
      message:
        'Nothing to refresh yet: the token of @northlight.events is less than 24 hours old, and Instagram refreshes it from 30 Apr 2026, 21:14 UTC. It is valid until 5 February 2027.',
    });
    expect(notice!.message).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('keeps an expired token an error', () => {
    const notice = refusedRefreshNotice(new TokenLifecycleError('expired', 409, 'raw'), '1', [
      status({ health: 'expired', refreshBlockedBy: 'expired' }),
    ]);
    expect(notice).toMatchObject({ kind: 'error' });
    expect(notice!.message).toBe(
      'The token of @northlight.events expired on 5 February 2027, and an expired token cannot be refreshed. Reconnect the account.',
    );
  });

  it("leaves other failures to the service's own message", () => {
    const busy = new TokenLifecycleError('refresh_busy', 503, 'busy');
    expect(refusedRefreshNotice(busy, '1', [status({})])).toBeUndefined();
    expect(refusedRefreshNotice(tooNew, undefined, [status({})])).toBeUndefined();
  });
});
