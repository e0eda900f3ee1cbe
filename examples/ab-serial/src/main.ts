/**
 * ab-serial, end to end (the classic boto.swf tutorial): starts the embedded local SWF service, a
 * decider for `SerialWorkflow` (task list `serial_wf_tasks`) and an activity worker polling
 * `a_tasks` and `b_tasks`; starts one execution, prints its events as they land, then B's result
 * (the pid of the worker that ran B).
 *
 *     npx tsx examples/ab-serial/src/main.ts
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@swf-flow/common';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { quietLogger, runIfProgram, runLocal } from '@swf-flow/dev';
import { SerialActivities } from './activities.js';
import { serialWorkflow } from './workflows.js';

/** The domain the example works in. */
export const DOMAIN = 'ab-serial';

/**
 * Two workers, as two processes would run them: a decider on `serial_wf_tasks`, and an activity
 * worker that polls each activity's own task list (`a_tasks` for A, `b_tasks` for B).
 */
export async function createWorkers(swf: SwfClientLike, logger: Logger = quietLogger): Promise<Worker[]> {
  const decider = await Worker.create({
    swf,
    domain: DOMAIN,
    taskList: 'serial_wf_tasks',
    workflows: [serialWorkflow],
    logger,
  });
  const activities = await Worker.create({
    swf,
    domain: DOMAIN,
    taskList: 'a_tasks',
    activities: [new SerialActivities()],
    logger,
  });
  return [decider, activities];
}

/** Options of {@link main}. */
export interface MainOptions {
  /** The local service's data directory, or `':memory:'`. @default $SWF_FLOW_DATA or ./.swf-flow */
  dataDir?: string;
  /** Where progress lines go. @default console.log */
  print?: (line: string) => void;
}

/** Runs the example once; resolves with the workflow's result (the pid that ran B). */
export async function main(options: MainOptions = {}): Promise<number> {
  return runLocal(
    { domain: DOMAIN, createWorkers, dataDir: options.dataDir, print: options.print },
    async ({ client, print, watch }) => {
      const handle = await client.start(serialWorkflow, { workflowId: `serial-${randomUUID()}` });
      print(`started SerialWorkflow ${handle.workflowId}`);
      const [, pid] = await watch(handle);
      print(`result: ActivityB ran in process ${pid}`);
      return pid;
    },
  );
}

runIfProgram(import.meta.url, () => main());
