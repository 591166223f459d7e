import type { GraphClient, GraphMedia } from '../graph/index.ts';
import type { TaggedMediaSource } from './guest-media.ts';
import { guestMediaOf } from './guest-media-of.ts';

const FIELDS =
  'id,caption,media_type,media_url,thumbnail_url,permalink,timestamp,username,children{id,media_type,media_url,thumbnail_url}';
const PAGE_SIZE = 50;
/** A hang guard: more than this many tagged posts in one look waits for the next look. */
const MAX_PAGES = 20;

interface TagsPage {
  data?: GraphMedia[];
  paging?: { cursors?: { after?: string } };
}

/**
 * Facebook Login's `GET /{ig-user-id}/tags`: the posts the account is tagged in, newest first,
 * those since `since`. The edge gives cursors but no `next` link (graph-api.md §3.1), so it pages
 * with `after` until a short page, a page reaching back past `since`, or a cursor seen already.
 */
export function graphTagsSource(
  clientFor: (accountId: string) => Promise<GraphClient | undefined>,
): TaggedMediaSource {
  return {
    async *tagged(accountId, since) {
      const client = await clientFor(accountId);
      if (!client) return;
      const sinceMs = Date.parse(since);
      let after: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const { data = [], paging } = await client.get<TagsPage>(
          `/${encodeURIComponent(accountId)}/tags`,
          { fields: FIELDS, limit: PAGE_SIZE, after },
        );
        let reachedSince = false;
        for (const media of data) {
          if (Date.parse(media.timestamp) >= sinceMs) yield guestMediaOf(media);
          else reachedSince = true;
        }
        const next = paging?.cursors?.after;
        if (reachedSince || data.length < PAGE_SIZE || !next || next === after) return;
        after = next;
      }
    },
  };
}
