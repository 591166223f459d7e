import type { Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { z } from 'astro/zod';
import { eventZipName } from '../../components/download-all.ts';
import { zipArchive } from '../../download/zip-archive.ts';
import { findEventDownload } from '../event-downloads.ts';
import { EVENT_ID } from '../input-fields.ts';
import { parseRequest } from '../request-input.ts';
import { jsonError } from '../respond.ts';
import { responseDrained } from '../response-pacing.ts';

export const prerender = false;

const schema = {
  params: z.object({ event: EVENT_ID }),
  usage: 'GET /g/<event_id>/photos.zip',
};

/**
 * GET /g/<event_id>/photos.zip: the event's "Download all" ZIP, streamed as it is made from the
 * build's files (stored, not deflated: its length is known up front). Public, as the gallery.
 */
export const GET: APIRoute = (context) => answer(context, true);
/** The headers alone: nothing is read. */
export const HEAD: APIRoute = (context) => answer(context, false);

async function answer(context: Parameters<APIRoute>[0], withBody: boolean): Promise<Response> {
  const { params } = await parseRequest(schema, context);
  const download = await findEventDownload(params.event);
  if (!download.found) return jsonError(download.status, download.code, download.message);
  const { stream, size } = await zipArchive(download.clientDir, download.entries);
  if (!withBody) stream.destroy();
  return new Response(withBody ? pacedBody(stream) : null, {
    headers: {
      'content-type': 'application/zip',
      'content-length': String(size),
      'content-disposition': `attachment; filename="${eventZipName(download.eventId)}"`,
      'cache-control': 'no-store',
    },
  });
}

/** The archive as a web stream that makes a chunk only when the response has room for it. */
function pacedBody(stream: Readable): ReadableStream<Uint8Array> {
  const chunks = stream[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        await responseDrained();
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value as Uint8Array);
      },
      cancel() {
        stream.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
