import { requireOwnAccount } from '../http/auth.ts';
import { mentionedMedia } from '../guests/guest-routes.ts';
import { checkProfileFields, renderProfile } from './profile-view.ts';
import type { GraphCall } from '../http/graph-call.ts';
import { requireInsightsScopeForFields } from '../insights/insights-access.ts';

/** `GET /me`: the token's own account, `id` being the app-scoped id. */
export function meRoute(call: GraphCall): unknown {
  checkProfileFields(call.fields, call.route.flavour);
  requireInsightsScopeForFields(call);
  return renderProfile(call.account, call.fields, call.view, 'me');
}

/**
 * `GET /{ig-user-id}`: only the token's own account is readable. On graph.facebook.com it has
 * the `mentioned_media` field too; graph.instagram.com answers it as a nonexisting field.
 */
export function userRoute(call: GraphCall): unknown {
  requireOwnAccount(call.account, call.route.nodeId ?? '');
  const mention =
    call.route.flavour === 'facebook'
      ? call.fields?.find((field) => field.name === 'mentioned_media')
      : undefined;
  const fields = mention ? call.fields?.filter((field) => field !== mention) : call.fields;
  checkProfileFields(fields, call.route.flavour);
  requireInsightsScopeForFields(call);
  const mentioned = mention && mentionedMedia(call, mention);
  const { id, ...profile } = renderProfile(call.account, fields, call.view, 'user-id');
  return { ...profile, ...(mentioned && { mentioned_media: mentioned }), id };
}
