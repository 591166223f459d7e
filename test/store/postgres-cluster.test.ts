import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { startPostgresCluster } from '../../harness/postgres-cluster.ts';

describe('the throwaway PostgreSQL cluster of the tests', () => {
  it('accepts connections once started, and is gone, folder and all, once stopped', async () => {
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
  });

  it('fails saying how to install PostgreSQL when its binaries are missing', async () => {
    await expect(startPostgresCluster({ binDir: '/nonexistent/postgresql/bin' })).rejects.toThrow(
      "PostgreSQL is not installed: initdb, pg_ctl, pg_isready, postgres missing from /nonexistent/postgresql/bin. The store's tests run against a real PostgreSQL: install Debian's (apt-get update && apt-get install -y postgresql)",
    );
  });
});
