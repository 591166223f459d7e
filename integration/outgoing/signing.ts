import { Webhook } from 'standardwebhooks';
import type { OutgoingEndpoint } from '../store/index.ts';

/**
 * The secrets a delivery is signed with at `now`: the endpoint's, and the one before the last
 * rotation while its overlap lasts.
 */
export function signingSecrets(endpoint: OutgoingEndpoint, now: number): string[] {
  const { secret, previousSecret, previousSecretUntil } = endpoint;
  const overlapping =
    previousSecret !== undefined &&
    previousSecretUntil !== undefined &&
    Date.parse(previousSecretUntil) > now;
  return overlapping ? [secret, previousSecret] : [secret];
}

/**
 * The Standard Webhooks headers of one attempt: `webhook-signature` holds one `v1,<base64>` per
 * secret, space-separated (a receiver accepts the message when any of them verifies).
 */
export function signedHeaders(
  secrets: string[],
  messageId: string,
  at: Date,
  body: string,
): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets
      .map((secret) => new Webhook(secret).sign(messageId, at, body))
      .join(' '),
  };
}
