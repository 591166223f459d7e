/** The events the site sends to webhook endpoints, with what each means (shown in /admin/webhooks). */
export const OUTGOING_EVENT_TYPES = {
  'post.published': 'A post was published to Instagram.',
  'post.failed': 'A post could not be published (with the error and what to do).',
  'account.token_refreshed': "An account's token was refreshed.",
  'account.token_expiring': "An account's token expires in 7 days or less (sent once per token).",
  'account.disconnected': 'An account was disconnected.',
  'upload.pending': 'A guest photo waits for review.',
  'build.requested': 'A rebuild of the site was requested.',
} as const;

export type OutgoingEventType = keyof typeof OUTGOING_EVENT_TYPES;

export const EVENT_TYPE_NAMES = Object.keys(OUTGOING_EVENT_TYPES) as OutgoingEventType[];

export function isOutgoingEventType(value: string): value is OutgoingEventType {
  return Object.hasOwn(OUTGOING_EVENT_TYPES, value);
}
