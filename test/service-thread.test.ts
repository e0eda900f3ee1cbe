/**
 * The local service on a thread of its own, end to end: `startServerThread` on a SQLite file, the
 * project's `Worker` and `WorkflowClient` on this thread over HTTP (signed SDK requests), a workflow
 * with an activity and a Lambda task run to completion. The Lambda function runs in a process the
 * service's thread starts, and its output reaches the logger given on this thread.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defineActivities } from '@swf-flow/activity';
import { WorkflowClient } from '@swf-flow/client';
import { type Logger, silentLogger } from '@swf-flow/common';
import { startLocalService } from '@swf-flow/dev';
import { localSwfClientConfig, startServerThread } from '@swf-flow/server';
import { Worker } from '@swf-flow/worker';
import { defineWorkflow, proxyActivities, proxyLambdas } from '@swf-flow/workflow';

class Shouter {
  async shout(text: string): Promise<string> {
    return text.toUpperCase();
  }
}
defineActivities(Shouter, { version: '1', taskList: 'thread', startToCloseTimeout: '1 minute' }, { shout: {} });
const acts = proxyActivities(Shouter, { scheduleToCloseTimeout: '1 minute' });
const lambdas = proxyLambdas<{ exclaim(input: { text: string }): Promise<string> }>({ startToCloseTimeout: '30s' });

const greet = defineWorkflow(
  async function greet(name: string): Promise<string> {
    return await lambdas.exclaim({ text: await acts.shout(`hello ${name}`) });
  },
  {
    name: 'Greet',
    version: '1',
    taskList: 'thread',
    executionStartToCloseTimeout: '10 minutes',
    taskStartToCloseTimeout: '1 minute',
  },
);

const root = mkdtempSync(join(tmpdir(), 'swf-flow-service-thread-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A Lambda handler directory with `exclaim.js`, which logs what it got. */
function lambdaDir(): string {
  const dir = join(root, 'lambdas');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'exclaim.js'),
    "exports.handler = async (event) => { console.log('exclaiming ' + event.text); return event.text + '!'; };\n",
  );
  return dir;
}

describe('the service on a thread of its own, with a real Worker over HTTP', () => {
  it('runs a workflow with an activity and a Lambda task to completion; the Lambda output reaches the logger here', async () => {
    const lines: string[] = [];
    const logger: Logger = { ...silentLogger, info: (m) => void lines.push(m) };
    const dataDir = join(root, 'data');
    const server = await startServerThread({
      dataDir,
      port: 0,
      pollTimeoutMs: 2_000,
      lambdas: { handlers: lambdaDir() },
      logger,
    });
    const swf = localSwfClientConfig(server);
    expect(swf).not.toHaveProperty('requestHandler');
    const worker = await Worker.create({
      swf,
      domain: 'thread',
      taskList: 'thread',
      workflows: [greet],
      activities: [new Shouter()],
      logger: silentLogger,
    });
    const running = worker.run();
    try {
      const client = new WorkflowClient({ swf, domain: 'thread' });
      const handle = await client.start(greet, {
        workflowId: 'greet-1',
        args: ['thread'],
        lambdaRole: 'arn:aws:iam::000000000000:role/local',
      });
      expect(await handle.result({ timeout: '60s', maxPollInterval: '50ms' })).toBe('HELLO THREAD!');
      const types = (await handle.history()).map((e) => e.eventType);
      expect(types).toContain('ActivityTaskCompleted');
      expect(types).toContain('LambdaFunctionCompleted');
      expect(types.at(-1)).toBe('WorkflowExecutionCompleted');
      expect(lines).toContain('lambda exclaim: exclaiming HELLO THREAD');
    } finally {
      await worker.shutdown();
      await running;
      await server.close();
    }
  });

  it('startLocalService runs the service on a thread unless a clock asks for this one', async () => {
    const threaded = await startLocalService();
    expect(threaded.server).toHaveProperty('threadId');
    expect(threaded.server).not.toHaveProperty('service');
    await threaded.server.close();
    const { ManualClock } = await import('@swf-flow/server');
    const here = await startLocalService({ clock: new ManualClock() });
    expect(here.server).toHaveProperty('service');
    await here.server.close();
    await expect(startLocalService({ clock: new ManualClock(), thread: true })).rejects.toThrow(/a clock cannot cross/);
    const off = await startLocalService({ thread: false });
    expect(off.server).toHaveProperty('service');
    await off.server.close();
  });
});
