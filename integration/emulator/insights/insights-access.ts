import { GraphError, missingPermission } from '../core/errors.ts';
import { requestsField } from '../core/fields.ts';
import type { GraphCall } from '../http/graph-call.ts';

const INSIGHTS_SCOPE = 'instagram_business_manage_insights';

/** Insights need `instagram_business_manage_insights`; without it, the code 10 publishing answers too. */
export function requireInsightsScope(call: GraphCall): void {
  if (!call.scopes.includes(INSIGHTS_SCOPE)) throw new GraphError(missingPermission());
}

/** The same check for `insights` asked for by field expansion, at any depth. */
export function requireInsightsScopeForFields(call: GraphCall): void {
  if (requestsField(call.fields, 'insights')) requireInsightsScope(call);
}
