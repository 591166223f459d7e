import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { once } from 'node:events';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { startPostgresCluster } from '../../harness/postgres-cluster.ts';

// initdb alone takes seconds on a busy two-core machine.
const CLUSTER_START_TIMEOUT_MS = 90_000;

describe('the throwaway PostgreSQL cluster of the tests', () => {
  it(
    'accepts connections once started, and is gone, folder and all, once stopped',
    async () => {
      const cluster = await startPostgresCluster();
      const sql = postgres(cluster.url, { max: 1 });
      try {
        const [row] = await sql`SELECT current_setting('port') AS port, current_user AS role`;
        expect(row).toEqual({ port: String(cluster.port), role: 'postgres' });
      } finally {
        await sql.end();
        await cluster.stop();
      }
      expect(existsSync(cluster.dir)).toBe(false);
      const after = postgres(cluster.url, { max: 1, connect_timeout: 2 });
      await expect(after`SELECT 1`).rejects.toThrow(/ECONNREFUSED/);
      await after.end();
    },
    CLUSTER_START_TIMEOUT_MS,
  );

  it(
    'is stopped and removed by the next start when the run that owned it was killed',
    async () => {
      const harness = new URL('../../harness/postgres-cluster.ts', import.meta.url).pathname;
      const owner = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { startPostgresCluster } = await import(${JSON.stringify(harness)});
         const cluster = await startPostgresCluster();
         console.log(JSON.stringify({ dir: cluster.dir, url: cluster.url }));
         setInterval(() => {}, 1000);`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const [line] = (await once(owner.stdout, 'data')) as [Buffer];
      const abandoned = JSON.parse(String(line)) as { dir: string; url: string };
      owner.kill('SIGKILL');
      await once(owner, 'exit');
      expect(existsSync(abandoned.dir)).toBe(true);

      const next = await startPostgresCluster();
      await next.stop();
      expect(existsSync(abandoned.dir)).toBe(false);
      const gone = postgres(abandoned.url, { max: 1, connect_timeout: 2 });
      await expect(gone`SELECT 1`).rejects.toThrow(/ECONNREFUSED/);
      await gone.end();
    },
    CLUSTER_START_TIMEOUT_MS,
  );

  it('fails saying how to install PostgreSQL when its binaries are missing', async () => {
    await expect(startPostgresCluster({ binDir: '/nonexistent/postgresql/bin' })).rejects.toThrow(
      "PostgreSQL is not installed: initdb, pg_ctl, pg_isready, postgres missing from /nonexistent/postgresql/bin. The store's tests run against a real PostgreSQL: install Debian's (apt-get update && apt-get install -y postgresql)",
    );
  });
});
