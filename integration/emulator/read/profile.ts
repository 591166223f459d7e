import { requireOwnAccount } from '../http/auth.ts';
import { checkProfileFields, renderProfile } from './profile-view.ts';
import type { GraphCall } from '../http/graph-call.ts';
import { requireInsightsScopeForFields } from '../insights/insights-access.ts';

/** `GET /me`: the token's own account, `id` being the app-scoped id. */
export function meRoute(call: GraphCall): unknown {
  checkProfileFields(call.fields, call.route.flavour);
  requireInsightsScopeForFields(call);
  return renderProfile(call.account, call.fields, call.view, 'me');
}

/** `GET /{ig-user-id}`: only the token's own account is readable. */
export function userRoute(call: GraphCall): unknown {
  requireOwnAccount(call.account, call.route.nodeId ?? '');
  checkProfileFields(call.fields, call.route.flavour);
  requireInsightsScopeForFields(call);
  return renderProfile(call.account, call.fields, call.view, 'user-id');
}
