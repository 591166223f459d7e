import { GraphError, type GraphClient, type GraphMedia } from '../graph/index.ts';
import type { GuestMediaReader } from './guest-media.ts';
import { guestMediaOf } from './guest-media-of.ts';

const FIELDS =
  'id,caption,media_type,media_url,thumbnail_url,permalink,timestamp,username,children{id,media_type,media_url,thumbnail_url}';

/**
 * Reads the post a mention names with `GET /{media-id}` under the account's token. Instagram
 * Login answers only for the account's own media (100/33 for anyone else's, §3.5): then the
 * candidate keeps the notification's words and no picture.
 */
export function graphMediaReader(
  clientFor: (accountId: string) => Promise<GraphClient | undefined>,
  usernameOf: (accountId: string) => Promise<string | undefined>,
): GuestMediaReader {
  return {
    async read(accountId, mediaId) {
      const client = await clientFor(accountId);
      if (!client) return undefined;
      let media: GraphMedia;
      try {
        media = await client.get<GraphMedia>(`/${encodeURIComponent(mediaId)}`, { fields: FIELDS });
      } catch (error) {
        if (error instanceof GraphError && error.code === 100) return undefined;
        throw error;
      }
      const own = await usernameOf(accountId);
      if (own && media.username?.toLowerCase() === own.toLowerCase()) return 'own';
      return guestMediaOf(media);
    },
  };
}
