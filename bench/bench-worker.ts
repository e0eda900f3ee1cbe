/**
 * The Worker the service benchmarks run (`service-phases.ts`, `durability.ts`, `worker-ab.ts`):
 * `seqWorkflow` and `BenchActivities` on task list `bench` of domain `bench`, quiet.
 */
import type { SWFClientConfig } from '@aws-sdk/client-swf';
import { quietLogger } from '@swf-flow/dev';
import { Worker, type WorkerOptions } from '@swf-flow/worker';
import { BenchActivities, seqWorkflow } from './seq-workflow.js';

/** A Worker for the service benchmarks, with `extra` options over the defaults. */
export function benchWorker(swf: SWFClientConfig, extra: Partial<WorkerOptions> = {}): Promise<Worker> {
  return Worker.create({
    swf,
    domain: 'bench',
    taskList: 'bench',
    workflows: [seqWorkflow],
    activities: [new BenchActivities()],
    logger: quietLogger,
    ...extra,
  });
}
