import { GraphClient, type GraphClientOptions } from '../graph/index.ts';
import type { InstagramConnection } from './instagram-connection.ts';

/**
 * Demo mode: a Graph API emulator started in-process, so the demo goes through exactly the code
 * path that talks to graph.instagram.com. The only module of the package that loads the emulator,
 * and only when demo mode is on (a dynamic import), so a live build never loads it.
 */
export async function demoConnection(
  clientOptions: Pick<GraphClientOptions, 'timeoutMs' | 'logger'>,
): Promise<InstagramConnection> {
  const { startEmulator } = await import('../emulator/index.ts');
  const emulator = await startEmulator();
  const client = new GraphClient({
    baseUrl: emulator.graphBase,
    accessToken: emulator.demoToken,
    ...clientOptions,
  });
  return {
    client,
    mode: 'demo',
    graphBase: emulator.graphBase,
    userId: emulator.userId,
    label: 'the demo account',
    async close() {
      await client.close();
      await emulator.close();
    },
  };
}
