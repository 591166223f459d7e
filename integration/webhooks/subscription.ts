import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Meta's verification request (`GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`):
 * the challenge to echo when the token is ours, else undefined (answer 403).
 */
export function subscriptionChallenge(
  params: URLSearchParams,
  verifyToken: string | undefined,
): string | undefined {
  const challenge = params.get('hub.challenge');
  if (!verifyToken || params.get('hub.mode') !== 'subscribe' || challenge === null)
    return undefined;
  return tokensEqual(params.get('hub.verify_token') ?? '', verifyToken) ? challenge : undefined;
}

// Hashing first gives equal lengths, so the comparison time says nothing about the token's length either.
function tokensEqual(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
