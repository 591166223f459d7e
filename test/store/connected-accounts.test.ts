import { describe, expect, it } from 'vitest';
import { type ConnectedAccount, MIGRATIONS } from '../../integration/store/index.ts';
import { BACKENDS, useBackend } from './store-backends.ts';
import { account, storeErrorOf, uniqueToken } from './store-fixtures.ts';

describe.each(BACKENDS)('connected accounts in $name', (backend) => {
  useBackend(backend);

  it('read back exactly as saved, token decrypted', async () => {
    const store = await backend.open();
    const saved = account({ refreshedAt: '2025-05-02T10:00:00.000Z' });
    await store.saveAccount(saved);
    expect(await store.getAccount(saved.userId)).toEqual(saved);
  });

  it('read back the optional fields as absent or null when they were', async () => {
    const store = await backend.open();
    const { accountType: _, ...saved } = account({ tokenExpiresAt: null, source: 'cli' });
    await store.saveAccount(saved);
    expect(await store.getAccount(saved.userId)).toEqual(saved);
  });

  it('survive closing and reopening the store', async () => {
    const saved = account();
    const first = await backend.open();
    await first.saveAccount(saved);
    await first.close();
    expect(await (await backend.open()).getAccount(saved.userId)).toEqual(saved);
  });

  it('are listed oldest connection first', async () => {
    const store = await backend.open();
    await store.saveAccount(
      account({ userId: '17841400000000003', connectedAt: '2025-03-01T00:00:00.000Z' }),
    );
    await store.saveAccount(
      account({ userId: '17841400000000001', connectedAt: '2025-04-01T00:00:00.000Z' }),
    );
    await store.saveAccount(
      account({ userId: '17841400000000002', connectedAt: '2025-01-01T00:00:00.000Z' }),
    );
    const listed = await store.listAccounts();
    expect(listed.map((each) => each.userId)).toEqual([
      '17841400000000002',
      '17841400000000003',
      '17841400000000001',
    ]);
  });

  it('keep dates as ISO strings in UTC, so that text order is time order', async () => {
    const store = await backend.open();
    await store.saveAccount(account({ userId: '1', connectedAt: '2025-03-01T09:00:00+08:00' }));
    await store.saveAccount(account({ userId: '2', connectedAt: '2025-03-01T02:00:00.000Z' }));
    const listed = await store.listAccounts();
    expect(listed.map((each) => [each.userId, each.connectedAt])).toEqual([
      ['1', '2025-03-01T01:00:00.000Z'],
      ['2', '2025-03-01T02:00:00.000Z'],
    ]);
  });

  it('are replaced whole on reconnect', async () => {
    const store = await backend.open();
    await store.saveAccount(account());
    await store.recordUsage('17841400000000001', {
      appPercent: 12,
      businessPercent: 3,
      at: '2025-05-03T00:00:00.000Z',
    });
    const reconnected = account({
      username: 'harbour.lights.official',
      scopes: ['instagram_business_basic'],
      token: uniqueToken(),
      source: 'cli',
    });
    await store.saveAccount(reconnected);
    expect(await store.getAccount(reconnected.userId)).toEqual(reconnected);
    expect(await store.listAccounts()).toHaveLength(1);
  });

  it('remember a Facebook Login connection; Instagram Login is the default', async () => {
    const store = await backend.open();
    const facebook = account({ userId: '17841400000000002', loginFlavour: 'facebook' });
    await store.saveAccount(facebook);
    await store.saveAccount(account());
    expect(await store.getAccount(facebook.userId)).toEqual(facebook);
    expect((await store.getAccount('17841400000000001'))?.loginFlavour).toBeUndefined();
    const rows = await backend.query(
      'SELECT user_id, login_flavour FROM accounts ORDER BY user_id',
    );
    expect(rows).toEqual([
      { user_id: '17841400000000001', login_flavour: 'instagram' },
      { user_id: '17841400000000002', login_flavour: 'facebook' },
    ]);
    const bad = account({ loginFlavour: 'myspace' as ConnectedAccount['loginFlavour'] });
    await expect(store.saveAccount(bad)).rejects.toThrow(
      "loginFlavour must be 'instagram' or 'facebook'",
    );
  });

  it('connected before the login flavour existed read as Instagram Login', async () => {
    await backend.applyMigrations(MIGRATIONS.filter((migration) => migration.version < 8));
    await backend.query(
      `INSERT INTO accounts (user_id, username, scopes, token_blob, token_issued_at, connected_at, source)
       VALUES ('17841400000000001', 'old', '[]', 'blob', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 'oauth')`,
    );
    await backend.applyMigrations(MIGRATIONS);
    expect(await backend.query('SELECT login_flavour FROM accounts')).toEqual([
      { login_flavour: 'instagram' },
    ]);
  });

  it('are gone, token and all, once deleted', async () => {
    const store = await backend.open();
    await store.saveAccount(account());
    expect(await store.deleteAccount('17841400000000001')).toBe(true);
    expect(await store.getAccount('17841400000000001')).toBeUndefined();
    expect(await store.listAccounts()).toEqual([]);
    expect(await backend.count('accounts')).toBe(0);
  });

  it('report deleting one that is not there', async () => {
    const store = await backend.open();
    expect(await store.deleteAccount('17841400000000009')).toBe(false);
  });

  it('carry the API usage last recorded for them', async () => {
    const store = await backend.open();
    await store.saveAccount(account());
    const usage = { appPercent: 41.5, businessPercent: null, at: '2025-05-03T12:00:00.000Z' };
    await store.recordUsage('17841400000000001', usage);
    expect((await store.getAccount('17841400000000001'))?.lastUsage).toEqual(usage);
  });

  it('ignore usage recorded for an account since disconnected', async () => {
    const store = await backend.open();
    await store.recordUsage('17841400000000009', {
      appPercent: 1,
      businessPercent: 1,
      at: '2025-05-03T12:00:00.000Z',
    });
    expect(await store.listAccounts()).toEqual([]);
  });

  it('keep ids of 17+ digits exactly, as strings', async () => {
    const store = await backend.open();
    const userId = '17841499999999999999';
    await store.saveAccount(account({ userId }));
    expect((await store.getAccount(userId))?.userId).toBe(userId);
  });

  it('refuse an id that is not a string of digits, without repeating it', async () => {
    const store = await backend.open();
    // A 17-digit id read as a JSON number has already lost its last digit.
    const numeric = account({ userId: Number('17841400000000001') as unknown as string });
    await expect(store.saveAccount(numeric)).rejects.toThrow(
      /must be a string of digits, got a number: pass ids as strings/,
    );
    const tokenInPlaceOfId = await storeErrorOf(store.getAccount('IGAAswappedArguments'));
    expect(tokenInPlaceOfId.message).not.toContain('IGAAswappedArguments');
  });

  it('refuse a malformed account without echoing its token', async () => {
    const store = await backend.open();
    const bad = account({ tokenIssuedAt: 'yesterday' });
    const error = await storeErrorOf(store.saveAccount(bad));
    expect(error.message).toBe(
      'Cannot store Instagram account 17841400000000001: tokenIssuedAt must be an ISO date string.',
    );
    expect(error.userId).toBe('17841400000000001');
    const noToken = { ...account(), token: '' } satisfies ConnectedAccount;
    await expect(store.saveAccount(noToken)).rejects.toThrow(/token must be a non-empty string/);
  });

  it('cannot be read once the store is closed', async () => {
    const store = await backend.open();
    await store.close();
    await expect(store.listAccounts()).rejects.toThrow(/The state store is closed/);
  });

  it('hold no token in clear text in any column', async () => {
    const store = await backend.open();
    const saved = account();
    await store.saveAccount(saved);
    const rows = await backend.query('SELECT * FROM accounts');
    expect(JSON.stringify(rows)).toContain(saved.username);
    expect(JSON.stringify(rows)).not.toContain(saved.token);
  });
});
