/**
 * A token stored from IG_ACCESS_TOKEN has no known expiry: it is refreshed as soon as Instagram
 * allows (24 hours after it was stored), which tells its expiry, rather than running out unseen.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectedAccount } from '../../integration/store/index.ts';
import { tokenStatus } from '../../integration/tokens/index.ts';
import { DAY } from '../helpers/token-harness.ts';

const storedAt = Date.parse('2026-06-01T12:00:00Z');
const account: ConnectedAccount = {
  userId: '17841400000000001',
  username: 'northlight.events',
  scopes: [],
  token: 'IGAAexample',
  tokenIssuedAt: new Date(storedAt).toISOString(),
  tokenExpiresAt: null,
  refreshedAt: null,
  connectedAt: new Date(storedAt).toISOString(),
  source: 'cli',
};

describe('a stored token of unknown expiry', () => {
  it('is not due while Instagram refuses to refresh it (under 24 hours old)', () => {
    expect(tokenStatus(account, storedAt + DAY - 1, 10)).toMatchObject({
      daysLeft: null,
      refreshDue: false,
      health: 'healthy',
      refreshBlockedBy: 'too_new',
    });
  });

  it('is due from 24 hours on', () => {
    const status = tokenStatus(account, storedAt + DAY, 10);
    expect(status).toMatchObject({ daysLeft: null, refreshDue: true, health: 'refresh_due' });
    expect(status.refreshBlockedBy).toBeUndefined();
  });
});
