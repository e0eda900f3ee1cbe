/**
 * The worker: decides `GreetingWorkflow` and runs the greeting activities. `npm run worker` runs it
 * against the SWF the environment names: the local service with
 * `AWS_ENDPOINT_URL_SWF=http://127.0.0.1:8787`, Amazon SWF with your AWS region and credentials.
 */
import { quietLogger, runIfProgram } from '@swf-flow/dev';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { GreetingActivities } from './activities.js';
import { greetingWorkflow } from './workflows.js';

/** The SWF domain this project works in (registered by the worker on start). */
export const DOMAIN = 'greetings';

/** A worker on task list `greetings` for the workflow and its activities. */
export async function createWorker(swf?: SwfClientLike): Promise<Worker> {
  return Worker.create({
    swf,
    domain: DOMAIN,
    taskList: 'greetings',
    workflows: [greetingWorkflow],
    activities: [new GreetingActivities()],
    logger: quietLogger,
  });
}

runIfProgram(import.meta.url, async () => {
  const worker = await createWorker();
  console.log(`worker polling domain ${DOMAIN}, task list greetings (Ctrl-C stops it)`);
  await worker.run(); // until SIGINT or SIGTERM
});
