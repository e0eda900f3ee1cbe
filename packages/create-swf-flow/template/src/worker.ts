/**
 * The worker: decides `GreetingWorkflow` and runs the greeting activities. `npm run worker` (or,
 * built, `node dist/worker.js`) runs it against the SWF the environment names: the local service
 * with `AWS_ENDPOINT_URL_SWF=http://127.0.0.1:8787`, Amazon SWF with your AWS region and credentials.
 */
import { Worker, type SwfClientLike, type WorkerOptions } from '@swf-flow/worker';
import { GreetingActivities } from './activities.js';
import { isProgram } from './program.js';
import { greetingWorkflow } from './workflows.js';

/** The SWF domain this project works in (registered by the worker on start). */
export const DOMAIN = 'greetings';

/** Every workflow of this project: the worker decides them, test/replay.test.ts replays their histories. */
export const workflows = [greetingWorkflow];

/** A worker on task list `greetings` for the workflow and its activities (logging to the console unless given a logger). */
export async function createWorker(swf?: SwfClientLike, logger?: WorkerOptions['logger']): Promise<Worker> {
  return Worker.create({
    swf,
    domain: DOMAIN,
    taskList: 'greetings',
    workflows,
    activities: [new GreetingActivities()],
    ...(logger ? { logger } : {}),
  });
}

if (isProgram(import.meta.url)) {
  const worker = await createWorker();
  console.log(`worker polling domain ${DOMAIN}, task list greetings (Ctrl-C stops it)`);
  await worker.run(); // until SIGINT or SIGTERM
}
