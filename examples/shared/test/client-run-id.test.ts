/**
 * Known bug in @swf-flow/client (not ours to fix here): `WorkflowClient.getHandle(workflowId, runId)`
 * validates the run id with SWF's *name* rules (no '/'), but run ids issued by SWF and by the local
 * service are base64 and may contain '/' (packages/client/src/workflow-client.ts, `getHandle`:
 * `checkSwfName(runId, 'runId', 64)`). The examples work around it with `new WorkflowHandle(...)`.
 */
import { describe, expect, it } from 'vitest';
import { WorkflowClient } from '@swf-flow/client';

describe('WorkflowClient.getHandle', () => {
  it('accepts a base64 run id containing "/" (as SWF issues them)', () => {
    const client = new WorkflowClient({ swf: { region: 'us-east-1', endpoint: 'http://127.0.0.1:1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }, domain: 'd' });
    const runId = '2243cOnu3SDZfWIHEHJUhz5GOt/OmqGFfFC4bLYu0NZas=';
    expect(client.getHandle('wf-1', runId).runId).toBe(runId);
  });
});
