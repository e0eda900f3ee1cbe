/**
 * The same program from both sides: the AWS CLI (Debian's awscli, installed by .ci/run) starts
 * HelloWorld with a raw-string input and reads the result, while swf-flow's decider and activity
 * worker do the work, all through the local service over HTTP. Nothing in between knows who wrote
 * what: the CLI's `--input World` reaches the workflow as the string 'World'.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@swf-flow/common';
import { type LocalService, type RunningWorkers, runWorkers, startLocalService, waitFor } from '@swf-flow/dev';
import { createWorkers, DOMAIN } from '../src/main.js';

const run = promisify(execFile);
const home = mkdtempSync(join(tmpdir(), 'swf-flow-hello-cli-'));

describe('hello-echo driven by the AWS CLI', () => {
  let local: LocalService;
  let workers: RunningWorkers;

  /** Runs `aws swf <args>` against the local service; parses its JSON output. */
  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    const { stdout } = await run(
      'aws',
      ['swf', ...args, '--endpoint-url', local.server.url, '--region', 'us-east-1', '--output', 'json'],
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
    local = await startLocalService({ dataDir: ':memory:', pollTimeoutMs: 2000 });
    // Creating the workers registers the domain and the HelloWorld / Echo types.
    workers = runWorkers(await createWorkers(local.swf, silentLogger));
  });

  afterAll(async () => {
    await workers?.stop();
    await local?.server.close();
  });

  it('aws swf start-workflow-execution --input World completes with "Hello, World"', { timeout: 120_000 }, async () => {
    try {
      await run('aws', ['--version']);
    } catch {
      throw new Error("The AWS CLI is missing: install Debian's awscli (apt-get install -y awscli), as .ci/run does.");
    }
    const { runId } = await aws(
      'start-workflow-execution',
      '--domain',
      DOMAIN,
      '--workflow-id',
      'hello-from-cli',
      '--workflow-type',
      'name=HelloWorld,version=1.0',
      '--input',
      'World',
    );
    expect(typeof runId).toBe('string');
    const execution = `workflowId=hello-from-cli,runId=${String(runId)}`;

    const info = await waitFor(
      async () => {
        const d = await aws('describe-workflow-execution', '--domain', DOMAIN, '--execution', execution);
        const i = d.executionInfo as { executionStatus: string; closeStatus?: string };
        return i.executionStatus === 'CLOSED' ? i : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the CLI-started execution to close' },
    );
    expect(info.closeStatus).toBe('COMPLETED');

    const { events } = (await aws('get-workflow-execution-history', '--domain', DOMAIN, '--execution', execution)) as {
      events: Array<{
        eventType: string;
        activityTaskScheduledEventAttributes?: { input?: string };
        workflowExecutionCompletedEventAttributes?: { result?: string };
      }>;
    };
    expect(
      events.find((e) => e.eventType === 'ActivityTaskScheduled')?.activityTaskScheduledEventAttributes?.input,
    ).toBe('["World"]');
    expect(events.at(-1)?.workflowExecutionCompletedEventAttributes?.result).toBe('"Hello, World"');
  });
});
