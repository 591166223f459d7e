import { GraphError, missingPermission, unsupportedGet, unsupportedPost } from '../core/errors.ts';
import type { Account } from '../core/store.ts';
import type { GraphCall } from '../http/graph-call.ts';

const PUBLISH_SCOPE = 'instagram_business_content_publish';

/** The account a publishing call acts for: its own (`me` or its id), with the content publish permission granted. */
export function publishingAccount(call: GraphCall): Account {
  const id = call.route.nodeId;
  if (id !== undefined && id !== call.account.userId) {
    throw new GraphError(
      call.route.key.startsWith('POST ') ? unsupportedPost(id) : unsupportedGet(id),
    );
  }
  if (!call.scopes.includes(PUBLISH_SCOPE)) throw new GraphError(missingPermission());
  return call.account;
}
