/**
 * The AWS CLI walkthrough from the issue: Debian's `awscli` (installed by .ci/run) drives a whole
 * HelloWorld execution against a local server, unchanged, with dummy credentials.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';

const run = promisify(execFile);
let server: LocalSwfServer;
const home = mkdtempSync(join(tmpdir(), 'swf-flow-awscli-'));

async function awsAvailable(): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch {
    return false;
  }
}

/** Runs `aws swf <args>` against the server and parses its JSON output (`{}` when it prints nothing). */
async function aws(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    'aws',
    ['swf', ...args, '--endpoint-url', server.url, '--region', 'us-east-1', '--output', 'json'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        AWS_PAGER: '',
      },
    },
  );
  return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 5_000 });
});
afterAll(() => server.close());

describe('the AWS CLI walkthrough', () => {
  it('runs HelloWorld with one Echo activity from start to CLOSED/COMPLETED', { timeout: 180_000 }, async () => {
    if (!(await awsAvailable())) {
      throw new Error(
        "The AWS CLI is missing: install Debian's awscli (apt-get install -y awscli), as .ci/run does, to run this walkthrough.",
      );
    }
    await aws('register-domain', '--name', 'sample', '--workflow-execution-retention-period-in-days', '1');
    await aws(
      'register-workflow-type',
      '--domain',
      'sample',
      '--name',
      'HelloWorld',
      '--workflow-version',
      '1.0',
      '--default-task-list',
      'name=default',
      '--default-task-start-to-close-timeout',
      '30',
      '--default-execution-start-to-close-timeout',
      '600',
      '--default-child-policy',
      'TERMINATE',
    );
    await aws(
      'register-activity-type',
      '--domain',
      'sample',
      '--name',
      'Echo',
      '--activity-version',
      '1.0',
      '--default-task-list',
      'name=default',
      '--default-task-schedule-to-start-timeout',
      '60',
      '--default-task-schedule-to-close-timeout',
      '120',
      '--default-task-start-to-close-timeout',
      '60',
      '--default-task-heartbeat-timeout',
      'NONE',
    );
    const started = await aws(
      'start-workflow-execution',
      '--domain',
      'sample',
      '--workflow-id',
      'hello-1',
      '--workflow-type',
      'name=HelloWorld,version=1.0',
      '--input',
      'World',
    );
    const runId = started.runId as string;
    expect(runId).toBeTruthy();

    const first = await aws(
      'poll-for-decision-task',
      '--domain',
      'sample',
      '--task-list',
      'name=default',
      '--identity',
      'cli-decider',
    );
    expect((first.events as { eventType: string }[]).map((e) => e.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
    ]);
    await aws(
      'respond-decision-task-completed',
      '--task-token',
      first.taskToken as string,
      '--decisions',
      JSON.stringify([
        {
          decisionType: 'ScheduleActivityTask',
          scheduleActivityTaskDecisionAttributes: {
            activityId: 'echo-1',
            activityType: { name: 'Echo', version: '1.0' },
            input: 'Hello, World',
          },
        },
      ]),
    );

    const activity = await aws(
      'poll-for-activity-task',
      '--domain',
      'sample',
      '--task-list',
      'name=default',
      '--identity',
      'cli-worker',
    );
    expect(activity).toMatchObject({
      activityId: 'echo-1',
      activityType: { name: 'Echo', version: '1.0' },
      input: 'Hello, World',
    });
    await aws(
      'respond-activity-task-completed',
      '--task-token',
      activity.taskToken as string,
      '--result',
      'Hello, World',
    );

    const second = await aws(
      'poll-for-decision-task',
      '--domain',
      'sample',
      '--task-list',
      'name=default',
      '--identity',
      'cli-decider',
    );
    const secondEvents = second.events as {
      eventType: string;
      activityTaskCompletedEventAttributes?: { result: string };
    }[];
    expect(
      secondEvents.find((e) => e.eventType === 'ActivityTaskCompleted')?.activityTaskCompletedEventAttributes?.result,
    ).toBe('Hello, World');
    await aws(
      'respond-decision-task-completed',
      '--task-token',
      second.taskToken as string,
      '--decisions',
      JSON.stringify([
        {
          decisionType: 'CompleteWorkflowExecution',
          completeWorkflowExecutionDecisionAttributes: { result: 'Hello, World' },
        },
      ]),
    );

    const history = await aws(
      'get-workflow-execution-history',
      '--domain',
      'sample',
      '--execution',
      `workflowId=hello-1,runId=${runId}`,
    );
    expect((history.events as { eventType: string }[]).map((e) => e.eventType)).toEqual([
      'WorkflowExecutionStarted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'ActivityTaskScheduled',
      'ActivityTaskStarted',
      'ActivityTaskCompleted',
      'DecisionTaskScheduled',
      'DecisionTaskStarted',
      'DecisionTaskCompleted',
      'WorkflowExecutionCompleted',
    ]);
    const described = await aws(
      'describe-workflow-execution',
      '--domain',
      'sample',
      '--execution',
      `workflowId=hello-1,runId=${runId}`,
    );
    expect(described.executionInfo).toMatchObject({ executionStatus: 'CLOSED', closeStatus: 'COMPLETED' });
  });

  it('reports SWF faults through the CLI', { timeout: 60_000 }, async () => {
    if (!(await awsAvailable()))
      throw new Error("The AWS CLI is missing: install Debian's awscli (apt-get install -y awscli).");
    const failure = await aws('describe-domain', '--name', 'nowhere').catch((err: { stderr?: string }) => err);
    expect((failure as { stderr?: string }).stderr).toContain('UnknownResourceFault');
  });
});
