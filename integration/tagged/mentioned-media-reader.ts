import { GraphError, type GraphClient, type GraphMedia } from '../graph/index.ts';
import type { GuestMediaReader } from './guest-media.ts';
import { guestMediaOf } from './guest-media-of.ts';

// The fields graph-api.md §3.5 names for `mentioned_media`, and a video's poster frame.
const FIELDS = 'caption,media_type,media_url,thumbnail_url,permalink,username,timestamp';

/**
 * Facebook Login's reader of a post that @mentions the account: `GET /{ig-user-id}?fields=
 * mentioned_media.media_id(<id>){…}`, which reads another account's post when it mentions this
 * one (a `mentions` notification names only the media id). A post it cannot read (deleted, or
 * not a mention) answers 100: the notice is dropped, as it names nobody.
 */
export function mentionedMediaReader(
  clientFor: (accountId: string) => Promise<GraphClient | undefined>,
  usernameOf: (accountId: string) => Promise<string | undefined>,
): GuestMediaReader {
  return {
    async read(accountId, mediaId) {
      // The id goes into the `fields` syntax: only a Graph id may.
      if (!/^\d{1,30}$/.test(mediaId)) return undefined;
      const client = await clientFor(accountId);
      if (!client) return undefined;
      let answer: { mentioned_media?: GraphMedia };
      try {
        answer = await client.get(`/${encodeURIComponent(accountId)}`, {
          fields: `mentioned_media.media_id(${mediaId}){${FIELDS}}`,
        });
      } catch (error) {
        if (error instanceof GraphError && error.code === 100) return undefined;
        throw error;
      }
      const media = answer.mentioned_media;
      if (!media) return undefined;
      const own = await usernameOf(accountId);
      if (own && media.username?.toLowerCase() === own.toLowerCase()) return 'own';
      return guestMediaOf(media, mediaId);
    },
  };
}

/** The reader of each login flavour, chosen per account (Instagram Login when unknown). */
export function readerPerFlavour(
  flavourOf: (accountId: string) => Promise<'instagram' | 'facebook' | undefined>,
  readers: { instagram: GuestMediaReader; facebook: GuestMediaReader },
): GuestMediaReader {
  return {
    async read(accountId, mediaId) {
      const flavour = (await flavourOf(accountId)) ?? 'instagram';
      return readers[flavour].read(accountId, mediaId);
    },
  };
}
