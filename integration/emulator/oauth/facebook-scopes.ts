import { isInstagramScope, type InstagramScope } from './scopes.ts';
import type { Token } from '../core/store.ts';

/** Facebook Login permissions an Instagram app asks for (graph-api.md §1.1, §2.6). */
export const FACEBOOK_SCOPES = [
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_comments',
  'instagram_manage_insights',
  'instagram_manage_messages',
  'pages_show_list',
  'pages_read_engagement',
  'pages_manage_metadata',
  'business_management',
  'ads_management',
  'ads_read',
] as const;

export type FacebookScope = (typeof FACEBOOK_SCOPES)[number];

export function isFacebookScope(value: unknown): value is FacebookScope {
  return (FACEBOOK_SCOPES as readonly unknown[]).includes(value);
}

/** The Instagram Login permission each Facebook one stands for, for the routes' checks. */
const INSTAGRAM_EQUIVALENT: Partial<Record<FacebookScope, InstagramScope>> = {
  instagram_basic: 'instagram_business_basic',
  instagram_content_publish: 'instagram_business_content_publish',
  instagram_manage_comments: 'instagram_business_manage_comments',
  instagram_manage_insights: 'instagram_business_manage_insights',
  instagram_manage_messages: 'instagram_business_manage_messages',
};

export function instagramEquivalents(scopes: readonly FacebookScope[]): InstagramScope[] {
  return scopes.flatMap((scope) => INSTAGRAM_EQUIVALENT[scope] ?? []);
}

/** What the Facebook consent dialog says each permission allows. */
export const FACEBOOK_SCOPE_DESCRIPTIONS: Record<FacebookScope, string> = {
  instagram_basic: 'Read the Instagram account linked to your Page, and its posts',
  instagram_content_publish: 'Publish posts to the Instagram account linked to your Page',
  instagram_manage_comments: 'Read, reply to and hide comments on those posts',
  instagram_manage_insights: 'Read insights about that Instagram account and its posts',
  instagram_manage_messages: 'Read and send its direct messages',
  pages_show_list: 'Show the list of Pages you manage',
  pages_read_engagement: 'Read content posted on your Pages',
  pages_manage_metadata: 'Manage settings of your Pages',
  business_management: 'Manage your business assets',
  ads_management: 'Manage your ads',
  ads_read: 'Read your ads insights',
};

/** Without these two, a Facebook user token cannot find the Instagram account behind a Page. */
export const FACEBOOK_REQUIRED_SCOPES: readonly FacebookScope[] = [
  'instagram_basic',
  'pages_show_list',
];

/** A token's permissions as the Graph routes check them: Instagram Login names. */
export function graphScopes(token: Token): InstagramScope[] {
  if (token.flavour === 'instagram') return token.scopes.filter(isInstagramScope);
  return instagramEquivalents(token.scopes.filter(isFacebookScope));
}
