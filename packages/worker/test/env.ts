// The environment of the worker's integration tests: one real local SWF server over HTTP per
// file; each test works in a domain of its own, so that type registrations (default task lists)
// do not mix.
import type { SWFClient } from '@aws-sdk/client-swf';
import { WorkflowClient } from '@swf-flow/client';
import type { LocalSwfServer } from '@swf-flow/server';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { Worker, type WorkerOptions } from '../src/index.js';
import { countingClient, recordingLogger, startServer, type ReadCounts } from './helpers.js';

/** What a test sees; fields are set by the hooks {@link useTestEnv} installs. */
export interface TestEnv {
  /** The workers' client: it counts the history the deciders read. */
  swf: SWFClient;
  counts: ReadCounts;
  /** The starters' client (not counted). */
  starterSwf: SWFClient;
  /** This test's domain. */
  domain: string;
  /** The local server (its `service.waitingPolls()` tells whether a worker's long polls are open). */
  server: LocalSwfServer;
  /** A WorkflowClient on this test's domain. */
  client: WorkflowClient;
  /** A worker on this test's domain (recording logger, no signal handlers, 100 ms heartbeat throttle). */
  worker(taskList: string, options: Partial<WorkerOptions>): Promise<Worker>;
}

/** Installs beforeAll/beforeEach/afterAll hooks that start the server and give each test a domain. */
export function useTestEnv(prefix: string): TestEnv {
  let server: LocalSwfServer | undefined;
  let testNumber = 0;
  const env = {
    worker(taskList: string, options: Partial<WorkerOptions>): Promise<Worker> {
      return Worker.create({
        swf: env.swf,
        domain: env.domain,
        taskList,
        logger: recordingLogger(),
        handleSignals: false,
        heartbeatThrottle: '100ms',
        ...options,
      });
    },
  } as TestEnv;
  beforeAll(async () => {
    server = await startServer();
    env.server = server;
    ({ swf: env.swf, counts: env.counts } = countingClient(server));
    env.starterSwf = countingClient(server).swf;
  });
  beforeEach(() => {
    testNumber += 1;
    env.domain = `${prefix}-${testNumber}`;
    env.client = new WorkflowClient({ swf: env.starterSwf, domain: env.domain });
  });
  afterAll(async () => {
    env.swf?.destroy();
    env.starterSwf?.destroy();
    await server?.close();
  });
  return env;
}
