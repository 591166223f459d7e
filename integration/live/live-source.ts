import { listMedia, type GraphLogger, type GraphMedia, type GraphUsage } from '../graph/index.ts';
import type { ResolvedOptions } from '../options.ts';
import {
  openInstagramConnections,
  type InstagramConnection,
} from '../sync/instagram-connection.ts';
import { isoFromGraph, normalizePost, type InstagramPost } from '../sync/instagram-post.ts';
import type { LivePostSource, LiveRead } from './live-feed.ts';

/**
 * Instagram Login (graph.instagram.com): the accounts the build reads, in its order (connected
 * in the server's store, else IG_ACCESS_TOKEN, else demo mode), opened afresh for each read so a
 * refreshed token is used at once. One list request per account, newest first, one page of
 * 100 unless more posts than that were made since `sinceMs`.
 */
export function instagramLoginSource(
  instagram: ResolvedOptions['instagram'],
  logger: GraphLogger,
  connect: () => Promise<InstagramConnection[]> = () => openInstagramConnections(instagram, logger),
): LivePostSource {
  return {
    async read(sinceMs) {
      const connections = await connect();
      if (connections.length === 0)
        throw new Error(
          'no Instagram account: set IG_ACCESS_TOKEN or connect an account in /admin.',
        );
      try {
        const seen = new Set<string>();
        const read: LiveRead = { posts: [] };
        for (const connection of connections) {
          for (const post of await postsSince(connection, sinceMs)) {
            if (seen.has(post.id)) continue;
            seen.add(post.id);
            read.posts.push(post);
          }
          const { usage } = connection.client;
          if (usage) {
            read.usage = busier(read.usage, usage);
            await connection.recordUsage?.(usage);
          }
        }
        return read;
      } finally {
        await Promise.all(connections.map((connection) => connection.close()));
      }
    },
  };
}

async function postsSince(
  connection: InstagramConnection,
  sinceMs: number,
): Promise<InstagramPost[]> {
  const posts: InstagramPost[] = [];
  for await (const page of listMedia(connection.client, {
    ...(connection.userId && { userId: connection.userId }),
    limit: 100,
  })) {
    const dated = page.filter((media): media is GraphMedia & { timestamp: string } =>
      Boolean(media.timestamp),
    );
    posts.push(...dated.map(normalizePost).filter((post) => Date.parse(post.timestamp) >= sinceMs));
    const oldest = dated.at(-1);
    if (!oldest || Date.parse(isoFromGraph(oldest.timestamp)) < sinceMs) break;
  }
  return posts;
}

function busier(a: GraphUsage | undefined, b: GraphUsage): GraphUsage {
  return a && a.maxPercent >= b.maxPercent && a.regainAccessMs >= b.regainAccessMs ? a : b;
}
