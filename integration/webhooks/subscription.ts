import { secretsEqual } from '../shared/secrets-equal.ts';

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
  return secretsEqual(params.get('hub.verify_token') ?? '', verifyToken) ? challenge : undefined;
}
