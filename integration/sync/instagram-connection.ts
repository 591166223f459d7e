import { GraphClient, type GraphLogger } from '../graph/index.ts';
import type { ResolvedOptions } from '../options.ts';

/** A Graph API client for the build, with where its credentials came from. */
export interface InstagramConnection {
  client: GraphClient;
  mode: 'live' | 'demo';
  graphBase: string;
  /** The IG user id when configured; otherwise the sync lists `/me/media`. */
  userId?: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Credentials from options/environment; without any, and with `demo` on, a Graph API emulator
 * started in-process with the demo account, so the demo goes through exactly the code path
 * that talks to graph.instagram.com. Undefined when there is nothing to connect to.
 */
export async function openInstagramConnection(options: ResolvedOptions['instagram'], logger: GraphLogger): Promise<InstagramConnection | undefined> {
  const clientOptions = { timeoutMs: options.timeoutMs, logger };
  if (options.accessToken) {
    const client = new GraphClient({ baseUrl: options.graphBase, accessToken: options.accessToken, ...clientOptions });
    return { client, mode: 'live', graphBase: options.graphBase, token: options.accessToken, ...(options.userId && { userId: options.userId }), close: () => client.close() };
  }
  if (!options.demo) return undefined;
  const { startEmulator } = await import('../emulator/index.ts');
  const emulator = await startEmulator();
  const client = new GraphClient({ baseUrl: emulator.graphBase, accessToken: emulator.demoToken, ...clientOptions });
  return {
    client,
    mode: 'demo',
    graphBase: emulator.graphBase,
    token: emulator.demoToken,
    userId: emulator.userId,
    async close() {
      await client.close();
      await emulator.close();
    },
  };
}
