import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate, buildPostgresTemplate, dropDatabase } from './template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const backend = project.config.env?.TEST_BACKEND ?? 'pglite';
  if (backend === 'postgres') {
    const databaseUrl = process.env.DATABASE_URL!;
    const name = await buildPostgresTemplate(databaseUrl);
    project.provide('postgresTemplate', name);
    project.provide('pgliteTemplate', '');
    return () => dropDatabase(databaseUrl, name);
  }
  const file = await buildPgliteTemplate();
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return () => rm(file, { force: true });
}
