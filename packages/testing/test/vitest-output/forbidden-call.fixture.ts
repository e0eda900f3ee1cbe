/**
 * The template's greeting workflow with a forbidden call (a real timer where `sleep` belongs),
 * replayed against the template's recorded history: every test fails, the way a user's would. Not
 * part of the suite (vitest-output.test.ts runs it and reads the output).
 */
import { it } from 'vitest';
import { Activities, Activity } from '@swf-flow/activity';
import { defineWorkflow, proxyActivities } from '@swf-flow/workflow';
import { replayHistories, replayHistory } from '@swf-flow/testing';

@Activities({ version: '1.0', taskList: 'greetings' })
class GreetingActivities {
  @Activity({ name: 'ComposeGreeting' })
  async composeGreeting(name: string): Promise<string> {
    return `Hello, ${name}!`;
  }
}

// relative to this project's folder, where vitest runs
const fixtures = '../../../create-swf-flow/template/test/fixtures/';
const activities = proxyActivities(GreetingActivities, { scheduleToCloseTimeout: '5 minutes' });

const greetingWorkflow = defineWorkflow(
  async function greetingWorkflow(name: string): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 2000)); // forbidden: sleep() is the durable timer
    return await activities.composeGreeting(name);
  },
  { name: 'GreetingWorkflow', version: '1.0', taskList: 'greetings' },
);

it('one history, a forbidden call', async () => {
  await replayHistory(`${fixtures}greeting-completed.json`, greetingWorkflow);
});

it('a folder of histories, a forbidden call', () => replayHistories(fixtures, { GreetingWorkflow: greetingWorkflow }));
