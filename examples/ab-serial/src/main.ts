/**
 * ab-serial, end to end (the classic boto.swf tutorial): starts the embedded local SWF service, a
 * decider for `SerialWorkflow` (task list `serial_wf_tasks`) and an activity worker polling
 * `a_tasks` and `b_tasks`; starts one execution, prints its events as they land, then B's result
 * (the pid of the worker that ran B).
 *
 *     npx tsx examples/ab-serial/src/main.ts
 */
import { randomUUID } from 'node:crypto';
import { WorkflowClient } from '@swf-flow/client';
import type { Logger } from '@swf-flow/common';
import { Worker, type SwfClientLike } from '@swf-flow/worker';
import { exampleDataDir } from '../../shared/src/data-dir.js';
import { startLocalService } from '../../shared/src/local-service.js';
import { runIfProgram } from '../../shared/src/main-guard.js';
import { followHistory } from '../../shared/src/progress.js';
import { exampleLogger, runWorkers } from '../../shared/src/workers.js';
import { SerialActivities } from './activities.js';
import { serialWorkflow } from './workflows.js';

/** The domain the example works in. */
export const DOMAIN = 'ab-serial';

/**
 * Two workers, as two processes would run them: a decider on `serial_wf_tasks`, and an activity
 * worker that polls each activity's own task list (`a_tasks` for A, `b_tasks` for B).
 */
export async function createWorkers(swf: SwfClientLike, logger: Logger = exampleLogger): Promise<Worker[]> {
  const decider = await Worker.create({ swf, domain: DOMAIN, taskList: 'serial_wf_tasks', workflows: [serialWorkflow], logger });
  const activities = await Worker.create({ swf, domain: DOMAIN, taskList: 'a_tasks', activities: [new SerialActivities()], logger });
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
  const print = options.print ?? ((line: string) => console.log(line));
  const dataDir = options.dataDir ?? exampleDataDir();
  const { server, swf } = await startLocalService({ dataDir });
  try {
    print(`local SWF service at ${server.url} (data: ${dataDir})`);
    const workers = runWorkers(await createWorkers(swf));
    try {
      const client = new WorkflowClient({ swf, domain: DOMAIN });
      const handle = await client.start(serialWorkflow, { workflowId: `serial-${randomUUID()}` });
      print(`started SerialWorkflow ${handle.workflowId}`);
      const [, pid] = await Promise.all([followHistory(client, handle.workflowId, handle.runId ?? '', { print }), handle.result()]);
      print(`result: ActivityB ran in process ${pid}`);
      return pid;
    } finally {
      await workers.stop();
    }
  } finally {
    await server.close();
  }
}

runIfProgram(import.meta.url, () => main());
