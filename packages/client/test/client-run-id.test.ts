/**
 * Regression: `WorkflowClient.getHandle(workflowId, runId)` accepts the base64 run ids SWF and the
 * local service issue, which may contain '/' (the examples follow continue-as-new runs with it).
 */
import { describe, expect, it } from 'vitest';
import { WorkflowClient } from '@swf-flow/client';

describe('WorkflowClient.getHandle', () => {
  it('accepts a base64 run id containing "/" (as SWF issues them)', () => {
    const client = new WorkflowClient({
      swf: {
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      },
      domain: 'd',
    });
    const runId = '2243cOnu3SDZfWIHEHJUhz5GOt/OmqGFfFC4bLYu0NZas=';
    expect(client.getHandle('wf-1', runId).runId).toBe(runId);
  });
});
