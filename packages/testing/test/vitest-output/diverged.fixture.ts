/**
 * The template's greeting workflow changed the way README "Changing the workflow" shows (a sleep
 * before the activity), replayed against the history the old code recorded: every test fails, the
 * way a user's would. Not part of the suite (vitest-output.test.ts runs it and reads the output).
 */
import { expect, it } from 'vitest';
import { Activities, Activity } from '@swf-flow/activity';
import { defineWorkflow, proxyActivities, sleep } from '@swf-flow/workflow';
import { replayHistories, replayHistory } from '@swf-flow/testing';

@Activities({ version: '1.0', taskList: 'greetings' })
class GreetingActivities {
  @Activity({ name: 'ComposeGreeting' })
  async composeGreeting(name: string): Promise<string> {
    return `Hello, ${name}!`;
  }
}

// as given, relative to this project's folder, where vitest runs
const fixtures = '../../../create-swf-flow/template/test/fixtures/';
const activities = proxyActivities(GreetingActivities, { scheduleToCloseTimeout: '5 minutes' });

const greetingWorkflow = defineWorkflow(
  async function greetingWorkflow(name: string): Promise<string> {
    await sleep('2 seconds'); // the change: a timer where the history recorded the activity
    return await activities.composeGreeting(name);
  },
  { name: 'GreetingWorkflow', version: '1.0', taskList: 'greetings' },
);

it('one history', async () => {
  await replayHistory(`${fixtures}greeting-completed.json`, greetingWorkflow);
});

it('a folder of histories', () => replayHistories(fixtures, { GreetingWorkflow: greetingWorkflow }));

it('a folder of histories, through expect(...).resolves', async () => {
  await expect(replayHistories(fixtures, { GreetingWorkflow: greetingWorkflow })).resolves.toHaveLength(1);
});
