import { describe, expect, it } from 'vitest';
import { PayloadCache } from '../../integration/analytics/index.ts';

describe('the analytics payload cache', () => {
  it('serves a value for 5 minutes, then computes it again', async () => {
    let now = 0;
    let computed = 0;
    const cache = new PayloadCache<number>({ now: () => now });
    const compute = async () => ++computed;
    expect((await cache.load('a', compute)).value).toBe(1);
    now = 299_999;
    expect((await cache.load('a', compute)).value).toBe(1);
    now = 300_000;
    expect((await cache.load('a', compute)).value).toBe(2);
    expect((await cache.load('a', compute, { fresh: true })).value).toBe(3);
  });

  it('gives 20 concurrent identical loads one computation', async () => {
    let computed = 0;
    const cache = new PayloadCache<number>();
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++computed), 20));
    const values = await Promise.all(Array.from({ length: 20 }, () => cache.load('same', slow)));
    expect(computed).toBe(1);
    expect(new Set(values.map((v) => v.value))).toEqual(new Set([1]));
  });

  it('serves the last good value with the failure when computing fails, and throws without one', async () => {
    let now = 0;
    const cache = new PayloadCache<string>({ now: () => now });
    await cache.load('k', async () => 'good');
    now = 400_000;
    const stale = await cache.load('k', async () => {
      throw new Error('Graph is down');
    });
    expect(stale).toMatchObject({ value: 'good', storedAt: 0 });
    expect((stale.failure as Error).message).toBe('Graph is down');
    await expect(cache.load('other', async () => Promise.reject(new Error('no')))).rejects.toThrow(
      'no',
    );
  });

  it('keeps at most maxEntries keys, dropping the least recently used', async () => {
    const cache = new PayloadCache<string>({ maxEntries: 2 });
    let computed = 0;
    const compute = (value: string) => async () => {
      computed++;
      return value;
    };
    await cache.load('a', compute('a'));
    await cache.load('b', compute('b'));
    await cache.load('a', compute('a')); // a is now the most recent
    await cache.load('c', compute('c')); // drops b
    expect(cache.size).toBe(2);
    computed = 0;
    await cache.load('a', compute('a'));
    expect(computed).toBe(0);
    await cache.load('b', compute('b'));
    expect(computed).toBe(1);
  });
});
