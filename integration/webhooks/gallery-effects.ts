import type { RebuildTrigger } from '../rebuild/rebuild-trigger.ts';
import type { StateStore, StoredWebhookEvent } from '../store/index.ts';

/**
 * Instagram sends no webhook for a new post of the account's own (§7.3 lists comments,
 * mentions, story insights and messaging only). A comment is the first sign of a new post, and
 * it changes the post's comment count, so by default comments rebuild; messaging and story
 * insights never show on a gallery. `INSTAGRAM_WEBHOOK_REBUILD_FIELDS` changes the list.
 */
export const DEFAULT_REBUILD_FIELDS = ['comments', 'live_comments'] as const;

export interface GalleryEffectsDeps {
  store: Pick<StateStore, 'markAccountDirty'>;
  rebuild: RebuildTrigger;
  rebuildFields: readonly string[];
  now?: () => number;
}

/** What one stored event does: marks its account changed and asks for a rebuild, or nothing. */
export function galleryEffects({
  store,
  rebuild,
  rebuildFields,
  now = Date.now,
}: GalleryEffectsDeps) {
  return async (event: StoredWebhookEvent): Promise<string> => {
    if (event.object !== 'instagram' || !rebuildFields.includes(event.field)) return 'ignored';
    // The reason names the field and the account only: comment texts are other people's words.
    const reason = `Instagram webhook: ${event.field} on account ${event.accountId}`;
    await store.markAccountDirty(event.accountId, reason, new Date(now()).toISOString());
    rebuild.request(reason);
    return 'rebuild';
  };
}
