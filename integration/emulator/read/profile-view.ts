import { type LoginFlavour, nodeTypeName } from '../core/flavour.ts';
import { GraphError, nonexistingField } from '../core/errors.ts';
import type { FieldRequest } from '../core/fields.ts';
import { mediaPage } from './media-page.ts';
import { checkMediaFields } from './media-view.ts';
import { clampLimit } from './paging.ts';
import type { Account } from '../core/store.ts';
import type { ViewContext } from '../core/view.ts';

/** How the user was addressed: `/me` answers `id` with the app-scoped id, `/{ig-user-id}` with the IG user id. */
export type ProfileAddress = 'me' | 'user-id';

type ProfileField = (
  account: Account,
  view: ViewContext,
  request: FieldRequest,
  address: ProfileAddress,
) => unknown;

// IG User fields with Instagram Login (developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user);
// `media` is the edge, expandable as `media.limit(n){...}`.
const PROFILE_FIELDS: Record<string, ProfileField> = {
  id: (account, _view, _request, address) =>
    address === 'me' ? account.seed.appScopedId : account.userId,
  user_id: (account) => account.userId,
  username: (account) => account.seed.username,
  name: (account) => account.seed.name,
  account_type: (account) => account.seed.accountType,
  profile_picture_url: (account, view) => view.cdnUrl(account.profilePicture),
  followers_count: (account) => account.seed.followersCount,
  follows_count: (account) => account.seed.followsCount,
  media_count: (account) => account.media.length,
  biography: (account) => account.seed.biography || undefined,
  website: (account) => account.seed.website || undefined,
  media: (account, view, request) =>
    mediaPage(
      account,
      { fields: request.fields, page: { limit: clampLimit(request.modifiers.limit) } },
      view,
    ),
};

export function checkProfileFields(
  fields: FieldRequest[] | undefined,
  flavour: LoginFlavour = 'instagram',
): void {
  for (const field of fields ?? []) {
    if (!Object.hasOwn(PROFILE_FIELDS, field.name))
      throw new GraphError(nonexistingField(field.name, nodeTypeName(flavour, 'IGUser')));
    if (field.name === 'media') checkMediaFields(field.fields, flavour);
  }
}

export function renderProfile(
  account: Account,
  fields: FieldRequest[] | undefined,
  view: ViewContext,
  address: ProfileAddress,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields ?? []) {
    const value = PROFILE_FIELDS[field.name]?.(account, view, field, address);
    if (value !== undefined) out[field.name] = value;
  }
  out.id = PROFILE_FIELDS.id?.(account, view, { name: 'id', modifiers: {} }, address);
  return out;
}
