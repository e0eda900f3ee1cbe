/**
 * Deep nesting everywhere the service reads JSON a client chose (issue 15, point 1's leftover):
 * `JSON.parse` copes with any depth, but anything recursive over the parsed value (a validator, a
 * `JSON.stringify`) overflows the stack. Request bodies are covered in validation-bounds.test.ts;
 * here the other doors: page tokens (base64 JSON the service decodes), and a payload string holding
 * JSON nested 16,384 deep (the most 32,768 characters allow) that the service stores, answers in a
 * history and shows on the web UI's pages (which pretty-print JSON). Each answers 400 or 200, never 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';

let server: LocalSwfServer;
const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
const b64 = (s: string, encoding: 'base64' | 'base64url'): string => Buffer.from(s).toString(encoding);

async function post(operation: string, input: object): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `SimpleWorkflowService.${operation}` },
    body: JSON.stringify(input),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
  expect((await post('RegisterDomain', { name: 'deep', workflowExecutionRetentionPeriodInDays: '1' })).status).toBe(
    200,
  );
  const type = {
    domain: 'deep',
    name: 'W',
    version: '1',
    defaultTaskList: { name: 't' },
    defaultTaskStartToCloseTimeout: '30',
  };
  expect(
    (
      await post('RegisterWorkflowType', {
        ...type,
        defaultExecutionStartToCloseTimeout: '300',
        defaultChildPolicy: 'TERMINATE',
      })
    ).status,
  ).toBe(200);
});
afterAll(() => server.close());

describe('deeply nested JSON outside the request body', () => {
  it.each([
    [
      'a listing token that is a deep array',
      'ListDomains',
      { registrationStatus: 'REGISTERED', nextPageToken: b64(deep(50_000), 'base64url') },
    ],
    [
      'a listing token whose query is a deep array',
      'ListDomains',
      { registrationStatus: 'REGISTERED', nextPageToken: b64(`{"q":${deep(50_000)},"k":1}`, 'base64url') },
    ],
    [
      'a history token that is a deep array',
      'GetWorkflowExecutionHistory',
      { domain: 'deep', execution: { workflowId: 'w', runId: 'r' }, nextPageToken: b64(deep(50_000), 'base64') },
    ],
    [
      'an executions token that is a deep array',
      'ListOpenWorkflowExecutions',
      { domain: 'deep', startTimeFilter: { oldestDate: 0 }, nextPageToken: b64(deep(50_000), 'base64') },
    ],
  ])('%s answers a 400 fault', async (_what, operation, input) => {
    const { status, json } = await post(operation, input);
    expect(status).toBe(400);
    expect(String(json.__type)).not.toContain('InternalFailure');
    expect(JSON.stringify(json).length).toBeLessThan(2_000);
  });

  it('a payload of JSON nested 16,384 deep is stored, answered in the history and shown by the UI', async () => {
    const input = deep(16_384);
    expect(input.length).toBe(32_768);
    const started = await post('StartWorkflowExecution', {
      domain: 'deep',
      workflowId: 'nested',
      workflowType: { name: 'W', version: '1' },
      input,
    });
    expect(started.status).toBe(200);
    const runId = String(started.json.runId);
    const history = await post('GetWorkflowExecutionHistory', {
      domain: 'deep',
      execution: { workflowId: 'nested', runId },
    });
    expect(history.status).toBe(200);
    expect(
      (history.json.events as Array<Record<string, { input?: string }>>)[0]?.workflowExecutionStartedEventAttributes
        ?.input,
    ).toBe(input);
    for (const path of ['/', '/ui/domains/deep', `/ui/domains/deep/executions/nested/${encodeURIComponent(runId)}`]) {
      const page = await fetch(`${server.url}${path}`);
      expect(page.status, path).toBe(200);
    }
  });
});
