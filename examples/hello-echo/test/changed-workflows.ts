/** Deliberately changed HelloWorld workflows, for the determinism tests. */
import { Activities, Activity } from '@swf-flow/activity';
import { defineWorkflow, proxyActivities, sleep } from '@swf-flow/workflow';
import { EchoActivities } from '../src/activities.js';

/** Echo bumped to 2.0 in place (instead of registering a new workflow version). */
@Activities({ version: '2.0', taskList: 'default' })
class EchoActivitiesV2 {
  @Activity({ name: 'Echo' })
  async echo(input: string): Promise<string> {
    return `Hello again, ${input}`;
  }
}

const acts = proxyActivities(EchoActivities);
const actsV2 = proxyActivities(EchoActivitiesV2);

/** Calls Echo 2.0 where the history recorded Echo 1.0. */
export const echoV2HelloWorld = defineWorkflow(
  async function helloWorld(input: string): Promise<string> {
    return await actsV2.echo(input); // CHANGED: Echo 2.0
  },
  { name: 'HelloWorld', version: '1.0' },
);

/** Waits before echoing: the history has an activity where the code now starts a timer. */
export const sleepyHelloWorld = defineWorkflow(
  async function helloWorld(input: string): Promise<string> {
    await sleep('1s'); // CHANGED: a timer before the activity
    return await acts.echo(input);
  },
  { name: 'HelloWorld', version: '1.0' },
);
