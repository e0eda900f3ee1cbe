/**
 * Lambda tasks run by the engine through a Lambda-compatible endpoint: a real HTTP server in this
 * test speaks Lambda's Invoke API (POST /2015-03-31/functions/{name}/invocations), as AWS SAM's
 * `sam local start-lambda` does, and `@aws-sdk/client-lambda` calls it.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestEngine, decide, makeEngine, pollDecision, start } from '../engine/test-support.js';
import { EndpointInvoker } from './endpoint-invoker.js';

let server: Server;
let endpoint: string;
let t: TestEngine;
const seen: Array<{ name: string; body: string; invocationType: string | undefined }> = [];
let waiting: ServerResponse | undefined;
let waitingClosed = false;

/** The functions this endpoint serves. */
function respond(name: string, body: string, res: ServerResponse): void {
  if (name === 'resize') {
    const event = JSON.parse(body) as { key: string };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ key: `small-${event.key}` }));
  } else if (name === 'crash') {
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
      .end(JSON.stringify({ errorType: 'ImageTooLarge', errorMessage: 'too big', trace: ['ImageTooLarge: too big'] }));
  } else if (name === 'hang') {
    waiting = res; // answers never: the task times out and the call is aborted
    res.on('close', () => void (waitingClosed = true));
  } else {
    res.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' }).end(
      JSON.stringify({
        Type: 'User',
        message: `Function not found: arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      }),
    );
  }
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(req.url ?? '');
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || !m) {
        res.writeHead(404).end();
        return;
      }
      const name = decodeURIComponent(m[1]!);
      seen.push({ name, body, invocationType: req.headers['x-amz-invocation-type'] as string | undefined });
      respond(name, body, res);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  waiting?.destroy();
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
});

afterEach(() => {
  t?.engine.close();
  seen.length = 0;
});

const ROLE = { lambdaRole: 'arn:aws:iam::123456789012:role/swf-lambda' };
const lambda = (id: string, name: string, input?: unknown, startToCloseTimeout?: string) => ({
  decisionType: 'ScheduleLambdaFunction',
  scheduleLambdaFunctionDecisionAttributes: {
    id,
    name,
    ...(input === undefined ? {} : { input: JSON.stringify(input) }),
    ...(startToCloseTimeout ? { startToCloseTimeout } : {}),
  },
});

async function run(decisions: unknown[]): Promise<string> {
  t = makeEngine({ lambdaInvoker: new EndpointInvoker({ endpoint }) });
  const runId = await start(t, 'wf1', ROLE);
  await decide(t, (await pollDecision(t)).taskToken, decisions);
  return runId;
}

async function closedEvents(runId: string): Promise<Array<Record<string, any>>> {
  let events: Array<Record<string, any>> = [];
  await expect
    .poll(
      async () => {
        events = (await t.events('wf1', runId)).slice(4);
        return events.some((e) => e.eventType === 'DecisionTaskScheduled');
      },
      { timeout: 20_000, message: 'the endpoint to answer and the task to close' },
    )
    .toBe(true);
  return events;
}

describe('Lambda tasks through a Lambda-compatible endpoint', () => {
  it('completed: the Invoke response is the result (RequestResponse, the input as payload)', async () => {
    const runId = await run([lambda('l1', 'resize', { key: 'cat.png' })]);
    const events = await closedEvents(runId);
    expect(events.map((e) => e.eventType)).toEqual([
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionCompleted',
      'DecisionTaskScheduled',
    ]);
    expect(events[2]!.lambdaFunctionCompletedEventAttributes).toEqual({
      scheduledEventId: 5,
      startedEventId: 6,
      result: '{"key":"small-cat.png"}',
    });
    expect(seen).toEqual([{ name: 'resize', body: '{"key":"cat.png"}', invocationType: 'RequestResponse' }]);
  });

  it('a function error: FunctionError as reason, the error payload as details', async () => {
    const runId = await run([lambda('l1', 'crash')]);
    const events = await closedEvents(runId);
    expect(events[2]!.lambdaFunctionFailedEventAttributes).toEqual({
      scheduledEventId: 5,
      startedEventId: 6,
      reason: 'Unhandled',
      details: JSON.stringify({
        errorType: 'ImageTooLarge',
        errorMessage: 'too big',
        trace: ['ImageTooLarge: too big'],
      }),
    });
    expect(seen[0]!.body).toBe('{}');
  });

  it('an unknown function: ResourceNotFoundException with the endpoint message', async () => {
    const runId = await run([lambda('l1', 'nope')]);
    const events = await closedEvents(runId);
    expect(events[2]!.lambdaFunctionFailedEventAttributes).toMatchObject({
      reason: 'ResourceNotFoundException',
      details: expect.stringMatching(/Function not found: .*function:nope/),
    });
  });

  it('a call that outlives its start-to-close timeout: LambdaFunctionTimedOut, and the call is aborted', async () => {
    const runId = await run([lambda('l1', 'hang', undefined, '3')]);
    await expect.poll(() => seen.length, { timeout: 10_000, message: 'the call to reach the endpoint' }).toBe(1);
    t.clock.advance(3_000);
    const events = await closedEvents(runId);
    expect(events[2]!.eventType).toBe('LambdaFunctionTimedOut');
    await expect
      .poll(() => waitingClosed, { timeout: 10_000, message: 'the aborted call to close its connection' })
      .toBe(true);
  });

  it('refuses an endpoint that is not an http(s) URL', () => {
    expect(() => new EndpointInvoker({ endpoint: 'localhost:3001' })).toThrow(
      /must be an http or https URL|is not a URL/,
    );
    expect(() => new EndpointInvoker({ endpoint: 'not a url' })).toThrow(
      /is not a URL; pass one such as http:\/\/127\.0\.0\.1:3001/,
    );
  });
});
