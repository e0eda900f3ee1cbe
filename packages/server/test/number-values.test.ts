/**
 * A number where SWF takes another kind of number says what was wrong with it, over real HTTP: a
 * fraction where an integer belongs, and a number too large for a double (JSON's `1e400` reads as
 * Infinity) where an integer or a timestamp belongs. "Expected a timestamp but got number" left a
 * client that sent a number nothing to go on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSwfServer, createServer } from '../src/index.js';

let server: LocalSwfServer;

beforeAll(async () => {
  server = await createServer({ dataDir: ':memory:', port: 0 });
});
afterAll(() => server.close());

async function post(operation: string, body: string): Promise<{ status: number; type: string; message: string }> {
  const res = await fetch(`${server.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `SimpleWorkflowService.${operation}` },
    body,
  });
  const json = (await res.json()) as { __type: string; message: string };
  return { status: res.status, type: json.__type, message: json.message };
}

describe('a number of the wrong kind', () => {
  it.each([
    [
      'ListDomains',
      '{"registrationStatus":"REGISTERED","maximumPageSize":1.5}',
      "Expected an integer at 'maximumPageSize' but got 1.5, a number with a fraction",
    ],
    [
      'ListDomains',
      '{"registrationStatus":"REGISTERED","maximumPageSize":1e400}',
      "Expected an integer at 'maximumPageSize' but got a number too large to represent (it reads as Infinity)",
    ],
    [
      'ListOpenWorkflowExecutions',
      '{"domain":"d","startTimeFilter":{"oldestDate":-1e400}}',
      "Expected a timestamp (epoch seconds) at 'startTimeFilter.oldestDate' but got a number too large to represent (it reads as -Infinity)",
    ],
  ])('%s %s', async (operation, body, message) => {
    const answer = await post(operation, body);
    expect(answer.status).toBe(400);
    expect(answer.type).toBe('com.amazon.coral.service#SerializationException');
    expect(answer.message).toBe(message);
  });

  it('a value of another JSON type is still named by its type', async () => {
    const answer = await post('ListDomains', '{"registrationStatus":"REGISTERED","maximumPageSize":"5"}');
    expect(answer.message).toBe("Expected an integer at 'maximumPageSize' but got string");
  });
});
