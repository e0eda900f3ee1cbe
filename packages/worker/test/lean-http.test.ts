// The Worker and the client built from a configuration (`swf: { endpoint }`) send every request
// through swf-flow's lean HTTP handler (packages/common/src/sdk-http/), not node:http's client,
// against the real local service: workflows side by side complete over kept-alive connections,
// and the worker finds its way back after the service restarts on the same port (its kept-alive
// connections and long polls closed under it, refused while it is down).
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowClient } from '@swf-flow/client';
import { type LocalSwfServer, createServer } from '@swf-flow/server';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Worker } from '../src/index.js';
import { HelloWorkflow, TestActivities } from './fixtures.js';
import { recordingLogger } from './helpers.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const dir = mkdtempSync(join(tmpdir(), 'swf-flow-lean-http-'));
let server: LocalSwfServer | undefined;

// every request node:http's client starts in this process (the SDK's NodeHttpHandler uses it)
let nodeHttpRequests = 0;
const countRequest = () => void nodeHttpRequests++;
beforeEach(() => {
  nodeHttpRequests = 0;
  subscribe('http.client.request.start', countRequest);
});
afterEach(() => unsubscribe('http.client.request.start', countRequest));
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Worker and client over the lean HTTP handler', () => {
  it('run workflows side by side to completion without node:http client requests', async () => {
    server = await createServer({ dataDir: ':memory:', port: 0, pollTimeoutMs: 20_000 });
    const config = { endpoint: server.url, region: 'us-east-1', credentials };
    const worker = await Worker.create({
      swf: config,
      domain: 'lean-1',
      taskList: 'lean',
      workflows: [HelloWorkflow],
      activities: [new TestActivities()],
      logger: recordingLogger(),
      handleSignals: false,
    });
    const client = new WorkflowClient({ swf: config, domain: 'lean-1' });
    const results = await worker.runUntil(() =>
      Promise.all(
        Array.from({ length: 8 }, async (_, i) => {
          const handle = await client.start(HelloWorkflow, {
            workflowId: `lean-${i}`,
            args: [`n${i}`],
            taskList: 'lean',
          });
          return handle.result({ timeout: '30s' });
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: 8 }, (_, i) => `Hello, n${i}!`));
    expect(nodeHttpRequests).toBe(0);
    await server.close();
    server = undefined;
  });

  it('carries on after the service restarts on the same port', { timeout: 60_000 }, async () => {
    server = await createServer({ dataDir: dir, port: 0, pollTimeoutMs: 2_000 });
    const port = server.port;
    const config = { endpoint: server.url, region: 'us-east-1', credentials };
    const logger = recordingLogger();
    const worker = await Worker.create({
      swf: config,
      domain: 'lean-2',
      taskList: 'lean',
      workflows: [HelloWorkflow],
      activities: [new TestActivities()],
      logger,
      handleSignals: false,
      pollBackoffInitial: '20ms',
      pollBackoffMax: '200ms',
    });
    const client = new WorkflowClient({ swf: config, domain: 'lean-2' });
    const results = await worker.runUntil(async () => {
      const first = await client.start(HelloWorkflow, { workflowId: 'before', args: ['before'], taskList: 'lean' });
      const before = await first.result({ timeout: '30s' });
      // the worker's long polls are open on kept-alive connections: the service goes away under them
      await server?.close();
      server = await createServer({ dataDir: dir, port, pollTimeoutMs: 2_000 });
      const second = await client.start(HelloWorkflow, { workflowId: 'after', args: ['after'], taskList: 'lean' });
      return [before, await second.result({ timeout: '30s' })];
    });
    expect(results).toEqual(['Hello, before!', 'Hello, after!']);
    expect(nodeHttpRequests).toBe(0);
  });
});
