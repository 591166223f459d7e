import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { SERVER_LISTS_FILE } from '../../download/write-downloads.ts';
import { zipStream } from '../../download/zip-archive.ts';
import { buildDirs } from '../build-dirs.ts';
import { findEventDownload } from '../event-downloads.ts';
import { EVENT_ID } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { jsonError } from '../respond.ts';
import { privateZipEntries } from '../private-zip.ts';
import { getServices } from '../services.ts';
import { streamedZipResponse, zipResponse } from '../zip-response.ts';

export const prerender = false;

const schema = {
  params: z.object({ event: EVENT_ID }),
  usage: 'GET /g/<event_id>/photos.zip',
};

/**
 * GET /g/<event_id>/photos.zip: the event's "Download all" ZIP, streamed as it is made from the
 * build's files (stored, not deflated: its length is known up front). Public, as the gallery; a
 * private event's asks its gate, and re-encodes its photos on the way (no length up front).
 */
export const GET: APIRoute = (context) => answer(context, true);
/** The headers alone: nothing is read. */
export const HEAD: APIRoute = (context) => answer(context, false);

async function answer(context: Parameters<APIRoute>[0], withBody: boolean): Promise<Response> {
  const { params } = await parseRequest(schema, context);
  // `astro dev` has no built files to zip (an older build's would be stale).
  if (import.meta.env.DEV)
    return jsonError(404, 'not_built', 'event: the ZIP is made from a build; run `astro build`.');
  const download = await findEventDownload(params.event, buildDirs(SERVER_LISTS_FILE), context);
  if (!download.found) return jsonError(download.status, download.code, download.message);
  if (download.kind === 'built')
    return zipResponse(download.eventId, download.clientDir, download.entries, withBody);
  const entries = privateZipEntries(await getServices(), download);
  return streamedZipResponse(
    download.event.id,
    () => zipStream(download.clientDir, entries),
    withBody,
  );
}
