// The README's test-environment example, verbatim (but for the import path): it must keep running.
import { Activities, Activity } from '@swf-flow/activity';
import { TestWorkflowEnvironment } from './index.js';
import { defineWorkflow, proxyActivities, sleep } from '@swf-flow/workflow';
import { afterEach, beforeEach, expect, it } from 'vitest';

@Activities({
  version: '1.0',
  startToCloseTimeout: '30s',
  scheduleToStartTimeout: '5 minutes',
  scheduleToCloseTimeout: '10 minutes',
})
class Greeter {
  @Activity({ name: 'Greet' })
  async greet(name: string): Promise<string> {
    return `Hello, ${name}!`;
  }
}
const greeter = proxyActivities(Greeter, { startToCloseTimeout: '30s' });

const remindTomorrow = defineWorkflow(
  async function remindTomorrow(name: string): Promise<string> {
    await sleep('1 day');
    return greeter.greet(name);
  },
  { name: 'RemindTomorrow', taskList: 'reminders' },
);

let env: TestWorkflowEnvironment;
beforeEach(async () => (env = await TestWorkflowEnvironment.create()));
afterEach(() => env.teardown());

it('greets a day later, in milliseconds', async () => {
  const worker = await env.createWorker({
    taskList: 'reminders',
    workflows: [remindTomorrow],
    activities: [new Greeter()],
  });
  const handle = await env.client.start(remindTomorrow, { workflowId: 'remind-ada', args: ['Ada'] });
  expect(await worker.runUntil(handle.result())).toBe('Hello, Ada!');
});
