/** Instagram Login permissions (`instagram_business_*`), as the authorize window takes them. */
export const INSTAGRAM_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_comments',
  'instagram_business_manage_messages',
  'instagram_business_manage_insights',
] as const;

export type InstagramScope = (typeof INSTAGRAM_SCOPES)[number];

/** Every Instagram Login token needs it: authorize requires it, refresh checks it is still granted. */
export const BASIC_SCOPE: InstagramScope = 'instagram_business_basic';

/** What the consent page says each permission allows. */
export const SCOPE_DESCRIPTIONS: Record<InstagramScope, string> = {
  instagram_business_basic: 'Read your profile and your posts',
  instagram_business_content_publish: 'Publish posts to your account',
  instagram_business_manage_comments: 'Read, reply to and hide comments on your posts',
  instagram_business_manage_messages: 'Read and send your direct messages',
  instagram_business_manage_insights: 'Read insights about your account and posts',
};

export function isInstagramScope(value: unknown): value is InstagramScope {
  return (INSTAGRAM_SCOPES as readonly unknown[]).includes(value);
}

/** `scope` is comma-separated or space-separated (`%20` or `+` in a URL); duplicates count once. */
export function splitScopes(raw: string): string[] {
  return [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
}
