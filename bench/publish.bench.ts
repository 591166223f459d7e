/**
 * `npm run bench:publish`: a 10-item carousel with 2 videos against the emulator, which answers
 * every Graph request after a fixed latency and processes videos for a fixed time. Wall time
 * with bounded parallel container creation versus one at a time, measured in one run, and the
 * Graph requests each publish made.
 */
import { startEmulator } from '../integration/emulator/index.ts';
import { GraphClient } from '../integration/graph/index.ts';
import { newPublishJob, runPublishJob, type JobItem } from '../integration/publish/index.ts';
import { openSqliteStore, TokenCipher } from '../integration/store/index.ts';
import { startMediaServer } from '../harness/media-server.ts';

// Meta fetches each item's media while creating its container; a fixed 400 ms stands for that.
const LATENCY_MS = 400;
const VIDEO_PROCESSING_MS = 1_500;

async function publishOnce(concurrency: number, label: string) {
  const emulator = await startEmulator({
    latencyMs: LATENCY_MS,
    videoProcessingMs: VIDEO_PROCESSING_MS,
  });
  const media = await startMediaServer();
  const store = await openSqliteStore({
    path: ':memory:',
    cipher: TokenCipher.fromKeys({ current: Buffer.alloc(32, 1), old: [] }),
  });
  const client = new GraphClient({ baseUrl: emulator.graphBase, accessToken: emulator.demoToken });
  try {
    const items: JobItem[] = Array.from({ length: 10 }, (_, i) =>
      i === 3 || i === 7
        ? { mediaType: 'video', url: media.url('/sample.mp4') }
        : { mediaType: 'image', url: media.url(i % 2 ? '/square.jpg' : '/portrait.jpg') },
    );
    const job = newPublishJob({
      id: label,
      idempotencyKey: `bench-${label}`,
      accountId: emulator.userId,
      kind: 'carousel',
      caption: 'Benchmark carousel',
      items,
    });
    await store.createPublishJob(job);
    const started = performance.now();
    const ended = await runPublishJob(job, {
      store,
      client,
      concurrency,
      pollStartMs: 250,
      pollMaxMs: 1_000,
    });
    const ms = performance.now() - started;
    if (ended.status !== 'published') throw new Error(`${label}: ${ended.error?.message}`);
    const graph = Object.entries(emulator.control.counts().byRoute).reduce(
      (sum, [route, n]) => (route === 'GET /cdn' ? sum : sum + n),
      0,
    );
    return { ms, graph };
  } finally {
    await client.close();
    await store.close();
    await media.close();
    await emulator.close();
  }
}

const parallel = await publishOnce(4, 'parallel');
const sequential = await publishOnce(1, 'sequential');
console.log(
  `\n10-item carousel with 2 videos (emulator latency ${LATENCY_MS} ms per request, videos processing ${VIDEO_PROCESSING_MS} ms)\n`,
);
console.table({
  'parallel containers (4 at a time)': {
    'wall time (s)': +(parallel.ms / 1000).toFixed(2),
    'Graph requests': parallel.graph,
  },
  'one container at a time': {
    'wall time (s)': +(sequential.ms / 1000).toFixed(2),
    'Graph requests': sequential.graph,
  },
});
console.log(`one-at-a-time / parallel wall time = ${(sequential.ms / parallel.ms).toFixed(2)}×`);
