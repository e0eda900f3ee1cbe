/**
 * The hello-echo workflow: `HelloWorld` 1.0 runs one `Echo` activity and returns what it says.
 * Its input may be a JSON argument list or a raw string (`aws swf start-workflow-execution --input World`).
 */
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import { EchoActivities } from './activities.js';

const acts = proxyActivities(EchoActivities);

/** Workflow type `HelloWorld` 1.0 on task list `default`. */
export const helloWorld = defineWorkflow(
  async function helloWorld(input: string = 'World'): Promise<string> {
    return await acts.echo(input);
  },
  {
    name: 'HelloWorld',
    version: '1.0',
    taskList: 'default',
    executionStartToCloseTimeout: '1 hour',
    taskStartToCloseTimeout: '1 minute',
  },
);
