// vitest globalSetup of the `store` project: one throwaway PostgreSQL cluster for the run, its URL
// provided to the tests as `postgresUrl`. Runs only when a test of that project is queued.
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from '../../harness/postgres-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's superuser on its `postgres` database; tests create a database each. */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
