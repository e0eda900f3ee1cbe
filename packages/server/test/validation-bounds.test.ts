/**
 * Hostile input over real HTTP gets a short 400, never a 500 or a giant answer (issue 15, point 1):
 * the recorded case of 2.6 million empty decisions in one RespondDecisionTaskCompleted (a 7.8 MB
 * body that used to make a 282 MB error message), and values nested 100,000 deep. Measured as
 * behaviour: status, fault type and answer size; never time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';

let server: LocalSwfServer;

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0, maxBodyBytes: 8 * 1024 * 1024 });
});
afterAll(() => server.close());

async function post(
  operation: string,
  body: string,
): Promise<{ status: number; text: string; json: { __type: string; message: string } }> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `SimpleWorkflowService.${operation}` },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) as { __type: string; message: string } };
}

const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);

describe('hostile input over HTTP', () => {
  it(
    '2.6 million empty decisions (7.8 MB) answer a ValidationException of about a kilobyte',
    { timeout: 60_000 },
    async () => {
      const body = `{"taskToken":"t","decisions":[${Array(2_600_000).fill('{}').join(',')}]}`;
      expect(body.length).toBeGreaterThan(7_000_000);
      const { status, text, json } = await post('RespondDecisionTaskCompleted', body);
      expect(status).toBe(400);
      expect(json.__type).toBe('com.amazon.coral.validate#ValidationException');
      expect(json.message).toMatch(
        /^10 validation errors detected \(validation stops at 10, so there may be more\): Value null at 'decisions\.1\.member\.decisionType'/,
      );
      expect(text.length).toBeLessThan(2_000);
    },
  );

  it.each([
    [
      'a list item',
      'StartWorkflowExecution',
      `{"domain":"d","workflowId":"w","workflowType":{"name":"W","version":"1"},"tagList":["a","b","c","d","e",${deep(100_000)}]}`,
    ],
    ['the decision list', 'RespondDecisionTaskCompleted', `{"taskToken":"t","decisions":${deep(100_000)}}`],
    ['a string member', 'DescribeDomain', `{"name":${deep(100_000)}}`],
    ['the whole body', 'ListDomains', deep(100_000)],
    ['an unknown member', 'DescribeDomain', `{"name":"nowhere","x":${deep(100_000)}}`],
  ])('a 100,000-deep nested array in %s answers 400, not 500', async (_where, operation, body) => {
    const { status, text, json } = await post(operation, body);
    expect(status, json.message).toBe(400);
    expect(json.__type).not.toContain('InternalFailure');
    expect(text.length).toBeLessThan(2_000);
  });
});
