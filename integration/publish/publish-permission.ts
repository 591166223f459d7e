import type { ConnectedAccount } from '../store/index.ts';

/**
 * The permission a token needs to publish: `instagram_business_content_publish` with Instagram
 * Login (`instagram_content_publish` is its Facebook Login name). Without it Graph refuses
 * container creation with (#10), so the server refuses first, naming the account.
 */
export const PUBLISH_PERMISSION = 'instagram_business_content_publish';
const PUBLISH_SCOPES = new Set([PUBLISH_PERMISSION, 'instagram_content_publish']);

/**
 * Whether the account's token was granted the publish permission. An account with no recorded
 * permissions (a token pasted into `npm run ig -- token exchange`: Instagram Login tokens cannot
 * be asked for theirs) is not refused; Graph's own refusal then fails the job.
 */
export function canPublish(account: Pick<ConnectedAccount, 'scopes'>): boolean {
  return account.scopes.length === 0 || account.scopes.some((scope) => PUBLISH_SCOPES.has(scope));
}

/** Why the account cannot publish, and what to do: for the account list and the API's 403. */
export function missingPublishPermission(
  account: Pick<ConnectedAccount, 'userId' | 'username'>,
): string {
  return `@${account.username} (${account.userId}) was connected without the permission to publish (${PUBLISH_PERMISSION}). Reconnect it in /admin and allow publishing content.`;
}
