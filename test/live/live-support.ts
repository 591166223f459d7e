import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunningEmulator } from '../../integration/emulator/index.ts';
import { createContainer, GraphClient, publishContainer } from '../../integration/graph/index.ts';
import type { MediaServer } from '../../harness/media-server.ts';

/** `YYYY-MM-DDTHH:MM` in UTC, as an event file takes its start and end (timezone: UTC). */
function local(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

/**
 * Writes an event file whose window holds `aroundMs` (from an hour before to two after, no
 * window margins), with an optional hashtag filter.
 */
export async function writeLiveEvent(
  eventsDir: string,
  id: string,
  aroundMs: number,
  extra = '',
): Promise<void> {
  await mkdir(eventsDir, { recursive: true });
  await writeFile(
    path.join(eventsDir, `${id}.yaml`),
    `title: Live ${id}\ntimezone: UTC\nstart: ${local(aroundMs - 3_600_000)}\nend: ${local(aroundMs + 7_200_000)}\nwindow:\n  before: 0m\n  after: 0m\n${extra}`,
  );
}

/** Publishes an image post on the emulator's first account now (its clock), through the Graph API. */
export async function publishPost(
  emulator: RunningEmulator,
  media: MediaServer,
  caption: string,
): Promise<string> {
  const client = new GraphClient({ baseUrl: emulator.graphBase, accessToken: emulator.demoToken });
  try {
    const container = await createContainer(client, emulator.userId, {
      image_url: media.url('/square.jpg'),
      caption,
    });
    return await publishContainer(client, emulator.userId, container);
  } finally {
    await client.close();
  }
}

/** Requests to the emulator's list edge so far (`/me/media` and `/{ig-user-id}/media`). */
export function listCalls(emulator: RunningEmulator): number {
  const { byRoute } = emulator.control.counts();
  return Object.entries(byRoute)
    .filter(([route]) => /^GET \/(me|\{ig-user-id\})\/media$/.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
}
