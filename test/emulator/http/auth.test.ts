import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../integration/emulator/index.ts';
import { getGraph, getJson } from '../helpers.ts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.control.reset());
afterAll(() => emulator.close());

const PARSE_ERROR = 'Invalid OAuth access token - Cannot parse access token';

describe('access tokens', () => {
  test('a missing token gives 190 "Cannot parse access token" with WWW-Authenticate', async () => {
    const { status, headers, body } = await getJson(`${emulator.graphBase}/me`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ message: PARSE_ERROR, type: 'OAuthException', code: 190 });
    expect(body.error).not.toHaveProperty('error_subcode');
    expect(headers['www-authenticate']).toBe(
      `OAuth "Facebook Platform" "invalid_token" "${PARSE_ERROR}"`,
    );
  });

  test('an unknown or malformed token gives the same 190', async () => {
    for (const token of ['nope', 'IGAA with spaces', '']) {
      const { status, body } = await getGraph(emulator, '/me/media', { access_token: token });
      expect(status).toBe(400);
      expect(body.error.message).toBe(PARSE_ERROR);
    }
  });

  test('the token may come from Authorization: Bearer or OAuth', async () => {
    for (const scheme of ['Bearer', 'OAuth', 'bearer']) {
      const { status, body } = await getJson(`${emulator.graphBase}/me?fields=username`, {
        authorization: `${scheme} demo-token`,
      });
      expect(status).toBe(200);
      expect(body.username).toBe('northlight.events');
    }
  });

  test('an expired token gives 190/463 with both dates in Pacific time', async () => {
    const { status, headers, body } = await getGraph(emulator, '/me', {
      access_token: 'expired-token',
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'OAuthException', code: 190, error_subcode: 463 });
    expect(body.error.message).toMatch(
      /^Error validating access token: Session has expired on Wednesday, 31-Dec-25 16:00:00 PST\. The current time is \w+day, \d\d-\w{3}-\d\d \d\d:\d\d:\d\d P[DS]T\.$/,
    );
    expect(headers['www-authenticate']).toContain('"invalid_token"');
  });

  test('a token expires when the emulator clock passes its expiry', async () => {
    const now = emulator.control.now();
    const emu = await startEmulator({
      now: () => now,
      seed: {
        accounts: [
          {
            userId: '17841400000000009',
            appScopedId: '1111111111111111',
            username: 'short',
            name: 'Short',
            accountType: 'BUSINESS',
            biography: '',
            website: '',
            followersCount: 0,
            followsCount: 0,
            tokens: [{ token: 'hour-token', expiresAt: new Date(now + 3600_000).toISOString() }],
            media: [],
          },
        ],
      },
    });
    try {
      expect((await getGraph(emu, '/me')).status).toBe(200);
      emu.control.advanceClock(3601);
      expect((await getGraph(emu, '/me')).body.error.error_subcode).toBe(463);
    } finally {
      await emu.close();
    }
  });

  test('a revoked token gives 190/460 (password changed) or 190/467 (invalidated)', async () => {
    const changed = await getGraph(emulator, '/me', { access_token: 'revoked-token' });
    expect(changed.body.error).toMatchObject({ code: 190, error_subcode: 460 });
    expect(changed.body.error.message).toMatch(
      /^Error validating access token: .*changed their password/,
    );
    const loggedOut = await getGraph(emulator, '/me', { access_token: 'logged-out-token' });
    expect(loggedOut.body.error).toMatchObject({ code: 190, error_subcode: 467 });
  });
});

describe('account boundaries', () => {
  test('another account’s profile, media list and media are not readable (100/33)', async () => {
    const other = await getGraph(emulator, '/me/media', {
      access_token: 'other-token',
      fields: 'id',
    });
    const otherMediaId = other.body.data[0]!.id;
    for (const path of [
      '/17841400000000002',
      '/17841400000000002/media',
      `/${otherMediaId}`,
      `/${otherMediaId}/children`,
    ]) {
      const { status, body } = await getGraph(emulator, path, { fields: 'id' });
      expect(status).toBe(400);
      expect(body.error).toMatchObject({
        code: 100,
        error_subcode: 33,
        type: 'GraphMethodException',
      });
    }
  });

  test('each token reads its own account through /me', async () => {
    const { body } = await getGraph(emulator, '/me', {
      access_token: 'other-token',
      fields: 'user_id,username',
    });
    expect(body).toMatchObject({ user_id: '17841400000000002', username: 'othervenue' });
  });

  test('unknown paths answer a Graph error after the token check', async () => {
    const { status, body } = await getGraph(emulator, '/me/tags');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 2500, message: 'Unknown path components: /me/tags' });
    expect((await getJson(`${emulator.graphBase}/me/tags`)).body.error.code).toBe(190);
  });
});
