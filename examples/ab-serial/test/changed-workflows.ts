/**
 * Deliberately changed versions of the ab-serial workflow, for the determinism tests: each no
 * longer matches the histories recorded by the real one.
 */
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import { SerialActivities } from '../src/activities.js';

const acts = proxyActivities(SerialActivities);

/** B and A swapped. */
export const swappedWorkflow = defineWorkflow(
  async function serialWorkflow(): Promise<number> {
    const pid = await acts.activityB(0); // CHANGED: B before A
    await acts.activityA();
    return pid;
  },
  { name: 'SerialWorkflow', version: '1.0' },
);

/** B dropped: the history has a second activity the code no longer schedules. */
export const withoutBWorkflow = defineWorkflow(
  async function serialWorkflow(): Promise<number> {
    return await acts.activityA();
  },
  { name: 'SerialWorkflow', version: '1.0' },
);
