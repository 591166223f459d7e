import {
  demoSeedPath,
  loadSeed,
  type Seed,
  type SeedMedia,
} from '../../integration/emulator/index.ts';

/** One account (`bulk-token`) with `count` plain images, one an hour from 2026-01-01. */
export function seedWithImages(
  count: number,
  overrides: { callBudgetPerHour?: number } = {},
): Seed {
  const media: SeedMedia[] = Array.from({ length: count }, (_, i) => ({
    id: String(17900000000000000n + BigInt(i + 1)),
    mediaType: 'IMAGE',
    productType: 'FEED',
    caption: `Image ${i + 1}`,
    timestamp: new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3600_000).toISOString(),
    width: 1080,
    height: 1080,
    likeCount: i,
    commentsCount: 0,
    shortcode: `Bulk${i + 1}`,
  }));
  return {
    accounts: [
      {
        userId: '17841499999999999',
        appScopedId: '9999999999999999',
        username: 'bulk',
        name: 'Bulk Account',
        accountType: 'BUSINESS',
        biography: '',
        website: '',
        followersCount: 1,
        followsCount: 1,
        ...overrides,
        tokens: [{ token: 'bulk-token', expiresAt: '2099-01-01T00:00:00Z' }],
        media,
      },
    ],
  };
}

/** The bundled demo seed's post at a UTC timestamp such as `2026-06-20T21:00:00Z`. */
export async function demoPostAt(timestamp: string): Promise<SeedMedia> {
  const seed = await loadSeed(demoSeedPath);
  const post = seed.accounts[0]?.media.find((media) => media.timestamp === timestamp);
  if (!post) throw new Error(`The demo seed has no post at ${timestamp}`);
  return post;
}
