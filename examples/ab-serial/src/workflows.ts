/**
 * The ab-serial workflow (the classic boto.swf tutorial): run ActivityA, then ActivityB with A's
 * result; the workflow's result is B's (the pid of the worker that ran B).
 */
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import { SerialActivities } from './activities.js';

const acts = proxyActivities(SerialActivities);

/** Workflow type `SerialWorkflow` 1.0 on task list `serial_wf_tasks`. */
export const serialWorkflow = defineWorkflow(
  async function serialWorkflow(): Promise<number> {
    const timestamp = await acts.activityA();
    return await acts.activityB(timestamp);
  },
  {
    name: 'SerialWorkflow',
    version: '1.0',
    taskList: 'serial_wf_tasks',
    executionStartToCloseTimeout: '1 hour',
    taskStartToCloseTimeout: '1 minute',
  },
);
