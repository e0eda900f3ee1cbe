/**
 * Workflow code only decides: it calls activity stubs, timers and signals, and is replayed
 * against the recorded history, so it must be deterministic (no I/O, no real timers).
 */
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import { GreetingActivities } from './activities.js';

const activities = proxyActivities(GreetingActivities, { scheduleToCloseTimeout: '5 minutes' });

/** Workflow type `GreetingWorkflow` 1.0: composes a greeting for `name` and returns it. */
export const greetingWorkflow = defineWorkflow(
  async function greetingWorkflow(name: string): Promise<string> {
    return await activities.composeGreeting(name);
  },
  {
    name: 'GreetingWorkflow',
    version: '1.0',
    taskList: 'greetings',
    executionStartToCloseTimeout: '1 hour',
    taskStartToCloseTimeout: '1 minute',
  },
);
