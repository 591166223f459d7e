import type { Readable } from 'node:stream';
import { eventZipName } from '../components/download-all.ts';
import type { ArchiveEntry } from '../download/zip-archive.ts';
import { zipArchive } from '../download/zip-archive.ts';
import { responseDrained } from './response-pacing.ts';

/**
 * An event's ZIP as an HTTP answer: streamed as it is made, its length known up front, saved
 * under the event's name. Without a body (HEAD), no file is read.
 */
export async function zipResponse(
  eventId: string,
  clientDir: string,
  entries: readonly ArchiveEntry[],
  withBody = true,
): Promise<Response> {
  const { stream, size } = await zipArchive(clientDir, entries);
  if (!withBody) stream.destroy();
  return zipAnswer(eventId, withBody ? stream : undefined, size);
}

/**
 * A ZIP streamed as it is made, its length unknown (`zipStream`). `makeStream` is called only
 * for a body (a HEAD makes nothing).
 */
export function streamedZipResponse(
  eventId: string,
  makeStream: () => Readable,
  withBody = true,
): Response {
  return zipAnswer(eventId, withBody ? makeStream() : undefined);
}

function zipAnswer(eventId: string, stream: Readable | undefined, size?: number): Response {
  return new Response(stream ? pacedBody(stream) : null, {
    headers: {
      'content-type': 'application/zip',
      ...(size !== undefined && { 'content-length': String(size) }),
      'content-disposition': `attachment; filename="${eventZipName(eventId)}"`,
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
