import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenWriteBack, type WriteBackTarget } from '../../integration/tokens/index.ts';
import { startFakeGithubApi, type FakeGithubApi } from '../helpers/fake-github-api.ts';
import { BACKENDS, useBackend } from './store-backends.ts';
import { account, uniqueToken } from './store-fixtures.ts';

let github: FakeGithubApi;
beforeEach(async () => {
  github = await startFakeGithubApi();
});
afterEach(() => github.close());

const NOW = Date.parse('2025-05-01T12:00:00.000Z');

describe.each(BACKENDS)('the token last written back, remembered in $name', (backend) => {
  useBackend(backend);

  const target = (): WriteBackTarget => ({
    kind: 'github',
    owner: 'acme',
    repo: 'site',
    secret: 'IG_ACCESS_TOKEN',
    apiBase: github.url,
    authToken: github.authToken,
  });

  it('a write one instance failed is made by another, then by none while the token stays', async () => {
    const [one, two] = [await backend.open(), await backend.open()];
    const saved = account();
    await one.saveAccount(saved);
    const writeBack = (store: typeof one) =>
      new TokenWriteBack({ target: target(), store, now: () => NOW }).writeIfChanged();

    github.failWith(502);
    expect(await writeBack(one)).toMatchObject({ status: 'failed', userId: saved.userId });
    github.failWith(undefined);
    expect(await writeBack(two)).toMatchObject({ status: 'written', userId: saved.userId });
    expect(github.secrets.get('acme/site/IG_ACCESS_TOKEN')).toBe(saved.token);
    expect(await writeBack(one)).toMatchObject({ status: 'unchanged' });

    // A reconnect in /admin stores a new token: written on the next run, refresh or not.
    const reconnected = {
      ...saved,
      token: uniqueToken(),
      tokenIssuedAt: new Date(NOW).toISOString(),
    };
    await two.saveAccount(reconnected);
    expect(await writeBack(one)).toMatchObject({ status: 'written' });
    expect(github.secrets.get('acme/site/IG_ACCESS_TOKEN')).toBe(reconnected.token);
    expect(github.requests.filter((r) => r.method === 'PUT')).toHaveLength(2);
  });

  it('another target gets the token although the first one holds it', async () => {
    const store = await backend.open();
    await store.saveAccount(account());
    const to = (secret: string) =>
      new TokenWriteBack({
        target: { ...target(), secret } as WriteBackTarget,
        store,
        now: () => NOW,
      });
    expect((await to('IG_ACCESS_TOKEN').writeIfChanged()).status).toBe('written');
    expect((await to('INSTAGRAM_TOKEN').writeIfChanged()).status).toBe('written');
    expect([...github.secrets.keys()].sort()).toEqual([
      'acme/site/IG_ACCESS_TOKEN',
      'acme/site/INSTAGRAM_TOKEN',
    ]);
  });

  it('with no stored account there is nothing to write', async () => {
    const store = await backend.open();
    expect(
      (await new TokenWriteBack({ target: target(), store, now: () => NOW }).writeIfChanged())
        .status,
    ).toBe('no_account');
    expect(github.requests).toEqual([]);
  });
});
