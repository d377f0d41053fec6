/**
 * Starts the real server once for all end-to-end files (the `npm start` path on a free port with
 * its own database folder) and hands its origin to the tests.
 */
import type { TestProject } from 'vitest/node';
import { freePort, startApp, type RunningApp } from './harness.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    appOrigin: string;
    /** A port whose `http://localhost:<port>` origin the demo site allows (a second shop origin). */
    allowedPort: number;
  }
}

let app: RunningApp | undefined;

export default async function setup(project: TestProject) {
  const allowedPort = await freePort();
  app = await startApp([`http://localhost:${allowedPort}`]);
  project.provide('appOrigin', app.origin);
  project.provide('allowedPort', allowedPort);
  return async () => {
    await app?.stop();
  };
}
