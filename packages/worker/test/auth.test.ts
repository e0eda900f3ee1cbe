// The project's workers and client against a service that requires SigV4 signatures (issue 15,
// point 4): with one of its access keys a workflow runs to completion; with a wrong secret the
// client's first request fails with the service's InvalidSignatureException.
import { SWFClient } from '@aws-sdk/client-swf';
import { WorkflowClient } from '@swf-flow/client';
import { type LocalSwfServer, createServer } from '@swf-flow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../src/index.js';
import { HelloWorkflow, TestActivities } from './fixtures.js';
import { recordingLogger } from './helpers.js';

const KEY = { accessKeyId: 'AKIDWORKERS', secretAccessKey: 'workers-secret' };
let server: LocalSwfServer;

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 20_000, auth: [KEY] });
});
afterAll(() => server.close());

describe('workers and client with access keys', () => {
  it('run a workflow to completion when they sign with a key the service knows', async () => {
    const config = { endpoint: server.url, region: 'us-east-1', credentials: KEY };
    const worker = await Worker.create({
      swf: config,
      domain: 'auth-1',
      taskList: 'auth',
      workflows: [HelloWorkflow],
      activities: [new TestActivities()],
      logger: recordingLogger(),
      handleSignals: false,
    });
    const client = new WorkflowClient({ swf: config, domain: 'auth-1' });
    const result = await worker.runUntil(async () => {
      const handle = await client.start(HelloWorkflow, {
        workflowId: 'auth-hello',
        args: ['signed world'],
        taskList: 'auth',
      });
      return handle.result({ timeout: '20s' });
    });
    expect(result).toBe('Hello, signed world!');
  });

  it('fail clearly with a wrong secret', async () => {
    const swf = new SWFClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { ...KEY, secretAccessKey: 'wrong' },
      maxAttempts: 1,
    });
    const client = new WorkflowClient({ swf, domain: 'auth-1' });
    await expect(
      client.start(HelloWorkflow, { workflowId: 'auth-refused', args: ['x'], taskList: 'auth' }),
    ).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: expect.stringMatching(/^The request signature we calculated does not match/),
    });
    swf.destroy();
  });
});
